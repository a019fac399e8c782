import { describe, expect, it } from 'vitest';
import { expandOccurrences, occurrenceAt, parseRule, ruleDates } from './recurrence.ts';

const CHICAGO = 'America/Chicago';
const dropOff = {
  startDate: '2026-10-26',
  startTime: '07:30',
  endTime: '08:30',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  exceptions: [] as string[],
};

describe('shift recurrence in the network time zone', () => {
  it('keeps a 07:30 drop-off at 07:30 local across the end of daylight saving (Nov 1, 2026)', () => {
    const occ = expandOccurrences(dropOff, CHICAGO, new Date('2026-10-29T00:00:00Z'), new Date('2026-11-04T00:00:00Z'));
    expect(occ.map((o) => o.localDate)).toEqual(['2026-10-29', '2026-10-30', '2026-11-02', '2026-11-03']);
    // CDT is UTC-5, CST is UTC-6: the instant moves by an hour, the wall clock does not.
    expect(occ[0].startsAt.toISOString()).toBe('2026-10-29T12:30:00.000Z');
    expect(occ[1].endsAt.toISOString()).toBe('2026-10-30T13:30:00.000Z');
    expect(occ[2].startsAt.toISOString()).toBe('2026-11-02T13:30:00.000Z');
    expect(occ[3].endsAt.toISOString()).toBe('2026-11-03T14:30:00.000Z');
  });

  it('also across the start of daylight saving (Mar 14, 2027)', () => {
    const occ = expandOccurrences(
      { ...dropOff, startDate: '2027-03-01' },
      CHICAGO,
      new Date('2027-03-12T00:00:00Z'),
      new Date('2027-03-17T00:00:00Z'),
    );
    expect(occ.map((o) => [o.localDate, o.startsAt.toISOString()])).toEqual([
      ['2027-03-12', '2027-03-12T13:30:00.000Z'],
      ['2027-03-15', '2027-03-15T12:30:00.000Z'],
      ['2027-03-16', '2027-03-16T12:30:00.000Z'],
    ]);
  });

  it('skips exception dates without breaking the series', () => {
    const occ = expandOccurrences(
      { ...dropOff, exceptions: ['2026-11-26', '2026-11-27'] },
      CHICAGO,
      new Date('2026-11-23T00:00:00Z'),
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(occ.map((o) => o.localDate)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-30']);
  });

  it('runs an overnight shift into the next day, and a one-off once', () => {
    const [o] = expandOccurrences(
      { startDate: '2026-12-04', startTime: '22:00', endTime: '02:00', rrule: null, exceptions: [] },
      CHICAGO,
      new Date('2026-12-01T00:00:00Z'),
      new Date('2026-12-10T00:00:00Z'),
    );
    expect([o.startsAt.toISOString(), o.endsAt.toISOString()]).toEqual(['2026-12-05T04:00:00.000Z', '2026-12-05T08:00:00.000Z']);
  });

  it('rejects rules it cannot honour, with invalid_recurrence', () => {
    for (const bad of ['FREQ=HOURLY', 'FREQ=WEEKLY;BYDAY=XX', 'DTSTART=20260101', 'nonsense', 'FREQ=WEEKLY;COUNT=abc']) {
      expect(() => parseRule(bad), bad).toThrow(expect.objectContaining({ code: 'invalid_recurrence' }));
    }
    expect(parseRule('FREQ=WEEKLY;BYDAY=FR;INTERVAL=2').interval).toBe(2);
  });

  it('ends a series before its end date, and finds the rule’s dates from a day on (exceptions ignored)', () => {
    const ended = { ...dropOff, startDate: '2026-11-30', endsBefore: '2026-12-03', exceptions: ['2026-12-01'] };
    const occ = expandOccurrences(ended, CHICAGO, new Date('2026-11-29T00:00:00Z'), new Date('2026-12-10T00:00:00Z'));
    expect(occ.map((o) => o.localDate)).toEqual(['2026-11-30', '2026-12-02']);
    expect(ruleDates(ended, CHICAGO, '2026-12-01', 6)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('places a changed time on a date by that date’s offset, across the start of daylight saving (Mar 14, 2027)', () => {
    expect(occurrenceAt('2027-03-12', '08:00', '09:00', CHICAGO).startsAt.toISOString()).toBe('2027-03-12T14:00:00.000Z');
    expect(occurrenceAt('2027-03-15', '08:00', '09:00', CHICAGO).startsAt.toISOString()).toBe('2027-03-15T13:00:00.000Z');
    // An end before the start is the next morning.
    expect(occurrenceAt('2027-03-13', '22:00', '06:00', CHICAGO).endsAt.toISOString()).toBe('2027-03-14T11:00:00.000Z');
  });
});
