import { LANGUAGES, pickLanguage, toLanguage, type Language } from '@switchboard/shared';
import type { Strings } from '../../platform/i18n/strings.ts';

/** Every text of the public pages and SMS replies, in one language (namespace `public`). */
export type PublicStrings = Strings<'public'>;
/** Error keys a form or page can show. */
export type PublicErrorKey = keyof PublicStrings['errors'];

/**
 * The page language: an explicit ?lang= (or the form's hidden field), else the browser's
 * Accept-Language, else the network's first language, else English.
 */
export function resolveLanguage(
  explicit: unknown,
  acceptLanguage: string | undefined,
  networkLanguages: readonly string[] | undefined,
): Language {
  const chosen = typeof explicit === 'string' ? toLanguage(explicit) : undefined;
  if (chosen) return chosen;
  const offered = (networkLanguages ?? []).map((l) => toLanguage(l)).filter((l): l is Language => !!l);
  const fromBrowser = pickLanguage(acceptLanguage);
  if (fromBrowser && (offered.length === 0 || offered.includes(fromBrowser))) return fromBrowser;
  return offered[0] ?? fromBrowser ?? 'en';
}

/** Languages to offer in the switcher: the network's, always including the current one. */
export function offeredLanguages(networkLanguages: readonly string[] | undefined, current: Language): Language[] {
  const offered = (networkLanguages ?? LANGUAGES).map((l) => toLanguage(l)).filter((l): l is Language => !!l);
  return LANGUAGES.filter((l) => offered.includes(l) || l === current);
}
