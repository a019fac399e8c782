import { DateTime } from 'luxon';
import rrulePkg from 'rrule';
import { badRequest } from '../../platform/errors.ts';

// The approach of shifts' recurrence (not its code: modules do not reach into each other): the
// rule runs on local wall-clock dates in the network's zone and each local time becomes an
// instant only at the end, so a 09:00 check-in stays 09:00 across a daylight-saving change.
// rrule ships CommonJS to Node: its named exports live on the default export.
const { RRule } = rrulePkg;

/** How far ahead recurring rides are materialized as trips. */
export const RIDE_HORIZON_DAYS = 56;

const DAY = '([+-]?\\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)';
const INTS = /^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/;
// rrule silently ignores bad values, so each allowed part is checked first; sub-daily rules make no sense for a ride.
const PART_VALUE: Record<string, RegExp> = {
  FREQ: /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^\d{1,3}$/,
  COUNT: /^\d{1,4}$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  BYDAY: new RegExp(`^${DAY}(,${DAY})*$`),
  BYMONTHDAY: INTS,
  BYMONTH: INTS,
  BYSETPOS: INTS,
  WKST: /^(MO|TU|WE|TH|FR|SA|SU)$/,
};

/** Parse and check an RRULE body (no DTSTART); throws invalid_recurrence naming the bad part. */
export function parseRideRule(text: string) {
  const body = text
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  const seen = new Set<string>();
  for (const p of body.split(';').filter(Boolean)) {
    const m = /^([A-Z]+)=([A-Z0-9,+-]+)$/.exec(p);
    if (!m || !PART_VALUE[m[1]]?.test(m[2])) throw badRequest('invalid_recurrence', { part: p });
    seen.add(m[1]);
  }
  if (!seen.has('FREQ')) throw badRequest('invalid_recurrence', { part: 'FREQ' });
  try {
    return RRule.parseString(body);
  } catch {
    throw badRequest('invalid_recurrence', { rule: body });
  }
}

/** The real instant of a local date and time in a zone (a time skipped by DST moves forward). */
export function localInstant(date: string, time: string, zone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi }, { zone }).toJSDate();
}

/** Today's local date in the zone. */
export function localDateOf(zone: string, at: Date): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** A local date plus days. */
export function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Local dates the rule gives from `startDate` on, in [fromDate, toDate] (no rule: the start date alone). */
export function rideDates(startDate: string, rule: string | null, fromDate: string, toDate: string): string[] {
  if (!rule) return startDate >= fromDate && startDate <= toDate ? [startDate] : [];
  const floating = (d: string) => new Date(`${d}T00:00:00Z`);
  const r = new RRule({ ...parseRideRule(rule), dtstart: floating(startDate) });
  const lo = fromDate > startDate ? fromDate : startDate;
  return r.between(floating(lo), floating(toDate), true).map((d) => d.toISOString().slice(0, 10));
}
