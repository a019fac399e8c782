import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DateNames, formatWithNames } from './date-names.ts';
import { formatCalendarDay, formatDate, formatDateTime } from './format.ts';

const here = dirname(fileURLToPath(import.meta.url));
const common = (lang: string) =>
  JSON.parse(readFileSync(join(here, '../locales', lang, 'common.json'), 'utf8')) as { dates: DateNames };
const ENGLISH_MONTHS = /\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/;
// 2026-12-04 15:07 UTC is a Friday; 09:07 in Chicago.
const instant = new Date('2026-12-04T15:07:00Z');

describe('dates from the project locale files', () => {
  it('writes Somali with Somali month and weekday names, in the time zone', () => {
    const so = common('so').dates;
    expect(formatWithNames(instant, 'dateTime', so, 'America/Chicago')).toBe('4 Des 2026, 09:07');
    expect(formatWithNames(instant, 'weekdayDateYear', so, 'UTC')).toBe('Jmc, 4 Des 2026');
    expect(formatWithNames(new Date('2026-07-01T23:30:00Z'), 'date', so, 'Asia/Tokyo')).toBe('2 Lul 2026');
  });

  it('writes Hmong with Hmong names', () => {
    const hmn = common('hmn').dates;
    expect(formatWithNames(instant, 'weekdayDate', hmn, 'UTC')).toBe('Hnub Tsib, 4 Kaum Ob Hlis');
    expect(formatWithNames(instant, 'time', hmn, 'UTC')).toBe('15:07');
  });

  it('has twelve months and seven weekdays in every language', () => {
    for (const lang of ['en', 'es', 'so', 'hmn', 'ar']) {
      const d = common(lang).dates;
      expect([d.months.length, d.monthsShort.length, d.weekdays.length, d.weekdaysShort.length], lang).toEqual([12, 12, 7, 7]);
    }
  });
});

describe('formatDateTime when the runtime has no date data for the language', () => {
  beforeAll(async () => {
    await i18next.init({
      showSupportNotice: false,
      lng: 'hmn',
      fallbackLng: 'en',
      resources: { hmn: { common: common('hmn') }, en: { common: common('en') } },
    });
  });

  it('falls back to the locale file, not to English month names', () => {
    // Node, like most browsers, has no Hmong date data: Intl alone would write English.
    expect(Intl.DateTimeFormat.supportedLocalesOf(['hmn'])).toEqual([]);
    const text = formatDateTime('2026-12-04T15:07:00Z', 'UTC');
    expect(text).toBe('4 Kaum Ob Hlis, 2026, 15:07');
    expect(text).not.toMatch(ENGLISH_MONTHS);
    expect(formatCalendarDay('2026-03-09', 'weekdayDate')).toBe('Hnub Ib, 9 Peb Hlis');
  });

  it('keeps Intl for a language the runtime knows', () => {
    expect(formatDate(instant, 'date', 'UTC', 'en')).toBe('Dec 4, 2026');
  });
});
