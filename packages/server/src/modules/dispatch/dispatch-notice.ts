import { DEFAULT_LANGUAGE, toLanguage, type DispatchOutboxPayload, type Language } from '@switchboard/shared';
import type { z } from 'zod';
import ar from '../../../../shared/src/locales/ar/dispatch.json' with { type: 'json' };
import en from '../../../../shared/src/locales/en/dispatch.json' with { type: 'json' };
import es from '../../../../shared/src/locales/es/dispatch.json' with { type: 'json' };
import hmn from '../../../../shared/src/locales/hmn/dispatch.json' with { type: 'json' };
import so from '../../../../shared/src/locales/so/dispatch.json' with { type: 'json' };
import categoriesAr from '../../../../shared/src/locales/ar/alerts.json' with { type: 'json' };
import categoriesEn from '../../../../shared/src/locales/en/alerts.json' with { type: 'json' };
import categoriesEs from '../../../../shared/src/locales/es/alerts.json' with { type: 'json' };
import categoriesHmn from '../../../../shared/src/locales/hmn/alerts.json' with { type: 'json' };
import categoriesSo from '../../../../shared/src/locales/so/alerts.json' with { type: 'json' };
import type { Deps } from '../../platform/context.ts';
import type { OutboundMessage, PayloadHandler } from '../notify/index.ts';

const STRINGS: Record<Language, typeof en> = { en, es, so, hmn, ar };
const CATEGORIES: Record<Language, typeof categoriesEn.category> = {
  en: categoriesEn.category,
  es: categoriesEs.category,
  so: categoriesSo.category,
  hmn: categoriesHmn.category,
  ar: categoriesAr.category,
};

/** The outbox payload a dispatch writes for each channel of the responder. */
type DispatchPayload = z.infer<typeof DispatchOutboxPayload>;

/**
 * "You are asked to respond", in the responder's language. It names the kind of report
 * but never the place: the address is shown in the app, to the signed-in responder.
 */
export function renderDispatchNotice(payload: DispatchPayload, to: string, publicUrl: string): OutboundMessage {
  const lang = toLanguage(payload.language) ?? DEFAULT_LANGUAGE;
  const s = STRINGS[lang];
  const category = CATEGORIES[lang][payload.category as keyof typeof categoriesEn.category] ?? CATEGORIES[lang].other;
  const link = `${publicUrl}/`;
  const text = s.text.replace('{category}', category).replace('{link}', link);
  return { to, subject: s.subject, text, push: { title: s.subject, body: text, url: link } };
}

/** Outbox handler for dispatch notices. */
export function dispatchPayloadHandler(deps: Deps): PayloadHandler {
  return {
    async render(_row, payload, recipient) {
      return payload.type === 'dispatch' ? renderDispatchNotice(payload, recipient, deps.config.publicUrl) : undefined;
    },
  };
}
