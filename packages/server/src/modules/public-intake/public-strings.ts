import { LANGUAGES, pickLanguage, toLanguage, type Language } from '@switchboard/shared';
import ar from '../../../../shared/src/locales/ar/public.json' with { type: 'json' };
import en from '../../../../shared/src/locales/en/public.json' with { type: 'json' };
import es from '../../../../shared/src/locales/es/public.json' with { type: 'json' };
import hmn from '../../../../shared/src/locales/hmn/public.json' with { type: 'json' };
import so from '../../../../shared/src/locales/so/public.json' with { type: 'json' };

/** Every text of the public pages and SMS replies, in one language. */
export type PublicStrings = typeof en;
/** Error keys a form or page can show. */
export type PublicErrorKey = keyof PublicStrings['errors'];

const STRINGS: Record<Language, PublicStrings> = { en, es, so, hmn, ar };

/** The public texts of a language. */
export function stringsFor(language: Language): PublicStrings {
  return STRINGS[language];
}

/** Replace {name} placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

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
