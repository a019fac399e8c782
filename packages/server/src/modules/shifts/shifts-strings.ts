import { DEFAULT_LANGUAGE, toLanguage, type Language } from '@switchboard/shared';
import ar from './locales/ar.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import hmn from './locales/hmn.json' with { type: 'json' };
import so from './locales/so.json' with { type: 'json' };

/** Server-side texts of the shifts module (CSV row errors, notices), per language. */
export const SHIFTS_STRINGS: Record<Language, typeof en> = { en, es, so, hmn, ar };

/** The strings for a language tag, English when unknown. */
export function stringsFor(language: string | null | undefined): typeof en {
  return SHIFTS_STRINGS[toLanguage(language) ?? DEFAULT_LANGUAGE];
}

/** Fill {placeholders}. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** A shift's start in the reader's language and the network's zone. */
export function formatShiftTime(iso: string, language: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(toLanguage(language) ?? DEFAULT_LANGUAGE, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso));
  } catch {
    return new Date(iso).toISOString();
  }
}
