import i18next from 'i18next';
import { type DateNames, type DateStyle, INTL_OPTIONS, formatWithNames, intlHasDates } from './date-names.ts';
import { currentLanguage } from './language.ts';

/** Join a list of words the reader's way ("a, b and c"; Arabic commas in Arabic). */
export function formatList(items: string[]): string {
  try {
    return new Intl.ListFormat(currentLanguage(), { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** The `dates` names of a language's common.json, when loaded. */
function dateNamesOf(language: string): DateNames | undefined {
  const bundle = i18next.getResourceBundle?.(language, 'common') as { dates?: DateNames } | undefined;
  return bundle?.dates;
}

/**
 * An instant in the reader's language: through Intl where the browser knows the language,
 * else from the locale file's month and weekday names (so Somali never shows "Dec").
 */
export function formatDate(d: Date, style: DateStyle, timeZone?: string, language: string = currentLanguage()): string {
  const names = intlHasDates(language) ? undefined : dateNamesOf(language);
  try {
    if (names) return formatWithNames(d, style, names, timeZone);
    return new Intl.DateTimeFormat(language, { ...INTL_OPTIONS[style], timeZone }).format(d);
  } catch {
    return d.toLocaleString();
  }
}

/** Format a timestamp in the reader's language. */
export function formatDateTime(iso: string, timeZone?: string): string {
  return formatDate(new Date(iso), 'dateTime', timeZone);
}

/** A calendar day ('YYYY-MM-DD') in the reader's language, never shifted by a time zone. */
export function formatCalendarDay(date: string, style: 'date' | 'weekdayDate' | 'weekdayDateYear' = 'date'): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return formatDate(d, style, 'UTC');
}
