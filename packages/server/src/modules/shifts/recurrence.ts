import { DateTime } from 'luxon';
import rrulePkg from 'rrule';
import { badRequest } from '../../platform/errors.ts';

// rrule ships CommonJS to Node: its named exports live on the default export.
const { RRule } = rrulePkg;

/** What a series says about when it happens, in local wall-clock terms. */
export interface SeriesTiming {
  startDate: string;
  startTime: string;
  endTime: string;
  rrule: string | null;
  exceptions: readonly string[];
  /** No occurrence on or after this local date (the series was continued by an edit). */
  endsBefore?: string | null;
}

/** One occurrence: its local date and real instants. */
export interface OccurrenceTime {
  localDate: string;
  startsAt: Date;
  endsAt: Date;
}

const INTS = /^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/;
const DAY = '([+-]?\\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)';
/** What each allowed RRULE part may hold (rrule itself silently ignores bad values). */
const PART_VALUE: Record<string, RegExp> = {
  FREQ: /^[A-Z]+$/,
  INTERVAL: /^\d{1,3}$/,
  COUNT: /^\d{1,4}$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  BYDAY: new RegExp(`^${DAY}(,${DAY})*$`),
  BYMONTHDAY: INTS,
  BYMONTH: INTS,
  BYSETPOS: INTS,
  WKST: /^(MO|TU|WE|TH|FR|SA|SU)$/,
};
const ALLOWED_PARTS = new Set(Object.keys(PART_VALUE));
// Sub-daily rules would make "07:30 local" meaningless; shifts repeat by days at most.
const ALLOWED_FREQ = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** Parse and check an RRULE body (no DTSTART); throws invalid_recurrence with the reason. */
export function parseRule(text: string) {
  const body = text.trim().replace(/^RRULE:/i, '');
  const parts = body.split(';').filter(Boolean);
  const seen = new Map<string, string>();
  for (const p of parts) {
    const m = /^([A-Z]+)=([A-Z0-9,+\-]+)$/i.exec(p);
    if (!m || !ALLOWED_PARTS.has(m[1].toUpperCase())) throw badRequest('invalid_recurrence', { part: p });
    seen.set(m[1].toUpperCase(), m[2].toUpperCase());
  }
  if (!ALLOWED_FREQ.has(seen.get('FREQ') ?? '')) throw badRequest('invalid_recurrence', { part: 'FREQ' });
  for (const [key, value] of seen) {
    if (!PART_VALUE[key]?.test(value)) throw badRequest('invalid_recurrence', { part: key });
  }
  try {
    return RRule.parseString(body.toUpperCase());
  } catch {
    throw badRequest('invalid_recurrence', { rule: body });
  }
}

/** Local wall-clock fields of a date as a "floating" UTC Date (how rrule wants local times). */
function floating(dt: DateTime): Date {
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute));
}

/** The real instant of a local date and time in a zone (a time skipped by DST moves forward). */
function atLocal(date: string, time: string, zone: string, plusDays = 0): DateTime {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi }, { zone }).plus({ days: plusDays });
}

/**
 * Occurrences of a series whose start falls in [from, to), expanded in the network's
 * zone: the rule runs on local wall-clock times, and each local time becomes an instant
 * only at the end, so 07:30 stays 07:30 across a daylight-saving change.
 */
export function expandOccurrences(s: SeriesTiming, zone: string, from: Date, to: Date): OccurrenceTime[] {
  const make = (localDate: string) => occurrenceAt(localDate, s.startTime, s.endTime, zone);
  let dates: string[];
  if (!s.rrule) {
    dates = [s.startDate];
  } else {
    const options = parseRule(s.rrule);
    const dtstart = floating(atLocal(s.startDate, s.startTime, 'UTC'));
    const rule = new RRule({ ...options, dtstart });
    // A day of slack on each side covers any zone offset; exact filtering follows.
    const lo = floating(DateTime.fromJSDate(from, { zone }).minus({ days: 1 }));
    const hi = floating(DateTime.fromJSDate(to, { zone }).plus({ days: 1 }));
    dates = rule.between(lo, hi, true).map((d) => d.toISOString().slice(0, 10));
  }
  const skip = new Set(s.exceptions);
  return dates
    .filter((d) => !skip.has(d) && (!s.endsBefore || d < s.endsBefore))
    .map(make)
    .filter((o) => o.startsAt >= from && o.startsAt < to);
}

/** The instants of one local date at local start and end times (an end before the start is the next day). */
export function occurrenceAt(localDate: string, startTime: string, endTime: string, zone: string): OccurrenceTime {
  const overnight = endTime <= startTime ? 1 : 0;
  return {
    localDate,
    startsAt: atLocal(localDate, startTime, zone).toJSDate(),
    endsAt: atLocal(localDate, endTime, zone, overnight).toJSDate(),
  };
}

/** Today's local date in the zone. */
export function localToday(zone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** Local dates the rule gives in [fromDate, fromDate + days), ignoring exceptions (and an end). */
export function ruleDates(s: SeriesTiming, zone: string, fromDate: string, days: number): string[] {
  const from = atLocal(fromDate, '00:00', zone);
  return expandOccurrences({ ...s, exceptions: [], endsBefore: null }, zone, from.toJSDate(), from.plus({ days }).toJSDate()).map(
    (o) => o.localDate,
  );
}

/** Check a series' timing once, at creation: a valid rule and a valid zone. */
export function assertValidTiming(s: SeriesTiming, zone: string): void {
  if (s.rrule) parseRule(s.rrule);
  if (!atLocal(s.startDate, s.startTime, zone).isValid) throw badRequest('invalid_recurrence', { startDate: s.startDate });
}

/** Monday of the week containing a local date (or now), in the zone. */
export function weekStart(zone: string, now: Date, localDate?: string): DateTime {
  const base = localDate ? DateTime.fromISO(localDate, { zone }) : DateTime.fromJSDate(now, { zone });
  return base.startOf('day').minus({ days: base.weekday - 1 });
}
