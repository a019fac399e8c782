import type { Language, PublicAlertList } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { listPublicAlerts } from '../alerts/index.ts';
import { openIntake } from '../reports/index.ts';
import { offeredLanguages, resolveLanguage } from './public-language.ts';

/** What the no-JavaScript alert list shows; `alerts` is absent when the network has the public page off. */
export interface AlertsPageModel {
  slug: string;
  language: Language;
  languages: Language[];
  timeZone: string;
  alerts?: z.infer<typeof PublicAlertList>['alerts'];
}

/**
 * The public alerts of the last day for the page without JavaScript, by area and place
 * name only; nothing when the network has not switched the public alert page on.
 */
export async function alertsPage(
  ctx: RequestContext,
  slug: string,
  lang: unknown,
  acceptLanguage: string | undefined,
): Promise<AlertsPageModel> {
  const { network } = await openIntake(ctx.deps, slug);
  const language = resolveLanguage(lang, acceptLanguage, network.settings.languages);
  const base = {
    slug,
    language,
    languages: offeredLanguages(network.settings.languages, language),
    timeZone: network.timeZone,
  };
  if (!network.settings.rapidResponse.publicAlertMap) return base;
  return { ...base, alerts: (await listPublicAlerts(ctx, slug)).alerts };
}
