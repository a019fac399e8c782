import type { Language } from '@switchboard/shared';
import type { Deps } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { openIntake, receiptStatus, type ReceiptStatusName } from '../reports/index.ts';
import { offeredLanguages, resolveLanguage } from './public-language.ts';

/** What the status page shows: the form, and after a look-up its answer ('unknown': no such code). */
export interface StatusModel {
  slug: string;
  language: Language;
  languages: Language[];
  answer?: ReceiptStatusName | 'unknown';
}

/**
 * The status page, before or after a look-up. An unknown and a malformed code both come
 * back as 'unknown'; the code itself is neither logged nor shown again.
 */
export async function statusPage(
  deps: Deps,
  slug: string,
  lang: unknown,
  acceptLanguage: string | undefined,
  code?: unknown,
): Promise<StatusModel> {
  const { network } = await openIntake(deps, slug);
  const language = resolveLanguage(lang, acceptLanguage, network.settings.languages);
  const base = { slug, language, languages: offeredLanguages(network.settings.languages, language) };
  if (code === undefined) return base;
  const status = typeof code === 'string' ? await receiptStatus(deps, network.id, code) : undefined;
  return { ...base, answer: status ?? 'unknown' };
}

/** The JSON look-up: the public status, or 404 `not_found` for an unknown or malformed code alike. */
export async function lookUpReceipt(deps: Deps, slug: string, code: string): Promise<{ status: ReceiptStatusName }> {
  const { network } = await openIntake(deps, slug);
  const status = await receiptStatus(deps, network.id, code);
  if (!status) throw notFound();
  return { status };
}
