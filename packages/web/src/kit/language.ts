import i18next from 'i18next';
import { DEFAULT_LANGUAGE, toLanguage, type Language } from '@switchboard/shared/runtime';

// The kit reads the language i18next is set to; the shell (app/i18n.ts) sets it up and
// switches it. Both use the one i18next instance of the 'i18next' package.

/** The current interface language, narrowed to a supported one. */
export function currentLanguage(): Language {
  return toLanguage(i18next.language) ?? DEFAULT_LANGUAGE;
}

/** A string from the locale files in the current language (for code outside components). */
export function translate(key: string): string {
  return i18next.t(key);
}
