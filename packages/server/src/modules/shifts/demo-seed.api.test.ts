import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.ts';
import { seedDemo } from '../../demo/demo-seed.ts';

/** The demo's shifts: what `npm run demo` shows on the shifts pages. */
describe.each(DIALECTS)('shifts demo data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.deps);
  });
  afterAll(() => t.close());

  it('has five network-shared sites, each with one weekly series, its slots and its dates', async () => {
    const db = t.deps.database.db;
    const sites = await db.selectFrom('sites').select(['id', 'name', 'sharing', 'cell', 'languages']).orderBy('name').execute();
    expect(sites.map((s) => [s.name, s.sharing, JSON.parse(s.languages)])).toEqual([
      ['Hennepin County Government Center', 'network', ['es']],
      ['Lincoln Elementary School', 'network', ['es', 'so']],
      ['Masjid An-Nur', 'network', ['so', 'ar']],
      ['Midway Distribution Center', 'network', ['es', 'hmn']],
      ["St. Stephen's Church", 'network', ['es', 'hmn']],
    ]);
    const series = await db
      .selectFrom('shift_series')
      .select(['site_id', 'title', 'rrule', 'reminder_minutes', 'no_show_grace_minutes', 'cancel_cutoff_hours', 'ends_before'])
      .orderBy('title')
      .execute();
    expect(
      series.map((s) => [
        s.title,
        s.rrule,
        JSON.parse(s.reminder_minutes),
        Number(s.no_show_grace_minutes),
        Number(s.cancel_cutoff_hours),
        s.ends_before,
      ]),
    ).toEqual([
      ['Courthouse watch', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', [1440, 60], 15, 12, null],
      ['Early shift change', 'FREQ=WEEKLY;BYDAY=TU,TH', [1440, 60], 15, 12, null],
      ['Friday prayer', 'FREQ=WEEKLY;BYDAY=FR', [1440, 60], 15, 12, null],
      ['School drop-off', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', [1440, 60], 15, 12, null],
      ['Sunday Mass', 'FREQ=WEEKLY;BYDAY=SU', [1440, 60], 15, 12, null],
    ]);
    const slots = await db
      .selectFrom('shift_slots as sl')
      .leftJoin('training_courses as c', 'c.id', 'sl.course_id')
      .select(['sl.label', 'sl.people_needed', 'c.key'])
      .orderBy('sl.label')
      .execute();
    expect(slots.map((s) => [s.label, Number(s.people_needed), s.key])).toEqual([
      ['Accompaniment', 2, null],
      ['Dock watch', 2, null],
      ['Door watch', 2, null],
      ['Legal observer', 1, 'legal-observer'],
      ['Legal observer', 1, 'legal-observer'],
      ['Parking lot watch', 3, null],
      ['Watch at the gate', 2, null],
    ]);
    const dates = await db
      .selectFrom('shift_occurrences')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(dates.n)).toBeGreaterThan(20);
  });
});
