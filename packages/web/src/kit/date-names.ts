/**
 * Dates written from the project's own locale files (common.json `dates`), for languages the
 * browser has no date data for (Somali and Hmong in most builds): Intl would quietly fall back
 * to English month names there. Numbers come from Intl in the time zone (every build has
 * those); words and word order come from the locale file.
 */

/** The `dates` block of a common.json. */
export interface DateNames {
  months: string[];
  monthsShort: string[];
  weekdays: string[];
  weekdaysShort: string[];
  /** "{{day}} {{month}} {{year}}" with the short month name. */
  date: string;
  /** "{{weekday}}, {{day}} {{month}}" with the short names. */
  weekdayDate: string;
  /** "{{weekday}}, {{day}} {{month}} {{year}}" with the short names. */
  weekdayDateYear: string;
  /** "{{hour}}:{{minute}}", on a 24-hour clock. */
  time: string;
  /** "{{date}}, {{time}}". */
  dateTime: string;
}

/** What to show: the date (medium), date and time, a short weekday with the date, or the time. */
export type DateStyle = 'date' | 'dateTime' | 'weekdayDate' | 'weekdayDateYear' | 'time';

/** Calendar fields of an instant in a time zone (undefined: the device's). */
function fieldsOf(d: Date, timeZone?: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    year: get('year'),
    month: Number(get('month')) - 1,
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    weekday,
  };
}

function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => values[k] ?? '');
}

/** An instant written with a language's own names. */
export function formatWithNames(d: Date, style: DateStyle, names: DateNames, timeZone?: string): string {
  const f = fieldsOf(d, timeZone);
  const time = fill(names.time, { hour: f.hour, minute: f.minute });
  const short = {
    day: f.day,
    month: names.monthsShort[f.month] ?? '',
    year: f.year,
    weekday: names.weekdaysShort[f.weekday] ?? '',
  };
  switch (style) {
    case 'time':
      return time;
    case 'date':
      return fill(names.date, short);
    case 'weekdayDate':
      return fill(names.weekdayDate, short);
    case 'weekdayDateYear':
      return fill(names.weekdayDateYear, short);
    case 'dateTime':
      return fill(names.dateTime, { date: fill(names.date, short), time });
  }
}

/** The Intl options matching each style. */
export const INTL_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  weekdayDate: { weekday: 'short', month: 'short', day: 'numeric' },
  weekdayDateYear: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit' },
};

/** Whether this browser has date data for a language (otherwise Intl writes English). */
export function intlHasDates(language: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0;
  } catch {
    return false;
  }
}
