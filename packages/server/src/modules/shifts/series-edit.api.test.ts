import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { extendHorizon } from './index.ts';
import { caller, certify, makeCourse, makeShift, makeSite, occurrenceOn, shiftNotices } from './shifts.test-support.ts';

/** Skipping a date of a series and changing a series from a date on (the clock stands at Sunday 2026-11-29, Chicago). */
describe.each(DIALECTS)('skipping dates and changing a shift going forward on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let call: ReturnType<typeof caller>;
  let coord: string;
  let coordB: string;
  const who: Record<string, string> = {};
  const base = '/api/v1/networks/alpha';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t.app);
    coord = await signIn(t.app, f.accounts.org_coordinator.email);
    coordB = await signIn(t.app, f.accounts.coordinator_b.email);
    for (const p of ['legal_observer', 'watch_volunteer', 'responder', 'driver', 'case_worker'] as const)
      who[p] = await signIn(t.app, f.accounts[p].email);
  });
  afterAll(() => t.close());

  const signUp = async (persona: string, occurrenceId: string, slotId: string) => {
    // People join one after another (the queue is by time of joining).
    t.clock.advance(1000);
    const res = await call(who[persona], 'POST', `${base}/shifts/${occurrenceId}/slots/${slotId}/signup`, {});
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; status: string };
  };
  const statusOf = async (signupId: string) =>
    await t.deps.database.db
      .selectFrom('shift_signups')
      .select(['status', 'slot_id'])
      .where('id', '=', signupId)
      .executeTakeFirstOrThrow();
  const noticesTo = async (persona: keyof Fixture['accounts'], kind: string) =>
    (await shiftNotices(t)).filter((n) => n.kind === kind && n.to === f.accounts[persona].email);
  const mine = async (persona: string) =>
    ((await call(who[persona], 'GET', `${base}/shifts/mine`)).json().shifts as { id: string }[]).map((s) => s.id);

  it('skips a date: the people on it are told in their language, their places held and off every list; putting it back restores them', async () => {
    await t.deps.database.db
      .updateTable('accounts')
      .set({ language: 'es' })
      .where('id', '=', f.accounts.watch_volunteer.id)
      .execute();
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { slots: [{ peopleNeeded: 1 }] });
    const occ = await occurrenceOn(t, series.id, '2026-12-02');
    const on = await signUp('watch_volunteer', occ, series.slots[0].id);
    const waiting = await signUp('responder', occ, series.slots[0].id);
    expect(waiting.status).toBe('waitlisted');

    const listed = (await call(coord, 'GET', `${base}/sites/${site.id}/shifts`)).json().series;
    expect(listed).toHaveLength(1);
    expect(listed[0].upcoming).toContain('2026-12-02');

    const skipped = await call(coord, 'POST', `${base}/shift-series/${series.id}/exceptions`, { date: '2026-12-02' });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json().exceptions).toEqual(['2026-12-02']);
    expect(skipped.json().upcoming).not.toContain('2026-12-02');
    expect(await mine('watch_volunteer')).not.toContain(occ);
    expect((await statusOf(on.id)).status).toBe('confirmed');
    const told = await noticesTo('watch_volunteer', 'skipped');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ language: 'es', title: 'School drop-off', path: '/n/alpha/shifts/mine' });
    expect(await noticesTo('responder', 'skipped')).toHaveLength(1);
    // Skipping it again changes nothing and tells no one twice.
    expect((await call(coord, 'POST', `${base}/shift-series/${series.id}/exceptions`, { date: '2026-12-02' })).statusCode).toBe(
      200,
    );
    expect(await noticesTo('watch_volunteer', 'skipped')).toHaveLength(1);
    // Nobody can sign up for a skipped date.
    expect((await call(who.driver, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/signup`, {})).statusCode).toBe(404);

    const back = await call(coord, 'POST', `${base}/shift-series/${series.id}/exceptions`, { date: '2026-12-02', remove: true });
    expect(back.statusCode).toBe(200);
    expect(back.json().exceptions).toEqual([]);
    expect(await mine('watch_volunteer')).toContain(occ);
    expect(await noticesTo('watch_volunteer', 'restored')).toHaveLength(1);
    expect(await noticesTo('responder', 'restored')).toHaveLength(1);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_id', '=', series.id)
      .where('action', 'like', 'shift.exception%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['shift.exception_add', 'shift.exception_add', 'shift.exception_remove']);
  });

  it('refuses to skip a date the series does not have, a past date, or someone else’s series — translated, nothing written', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { startDate: '2026-11-23' });
    const saturday = await call(
      coord,
      'POST',
      `${base}/shift-series/${series.id}/exceptions`,
      { date: '2026-12-05' },
      { 'accept-language': 'es' },
    );
    expect(saturday.statusCode).toBe(400);
    expect(saturday.json().error.code).toBe('validation_failed');
    expect(saturday.json().error.message).not.toMatch(/^[a-z_]+$/);
    expect(
      (await call(coord, 'POST', `${base}/shift-series/${series.id}/exceptions`, { date: '2026-11-24' })).json().error.code,
    ).toBe('too_late');
    expect((await call(coordB, 'POST', `${base}/shift-series/${series.id}/exceptions`, { date: '2026-12-01' })).statusCode).toBe(
      403,
    );
    const row = await t.deps.database.db
      .selectFrom('shift_series')
      .select('exceptions')
      .where('id', '=', series.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.exceptions)).toEqual([]);
  });

  it('changes times, people needed and slots from a date on: past dates untouched, people moved and told once each', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, {
      startDate: '2026-11-23',
      slots: [
        { peopleNeeded: 2, label: 'Gate' },
        { peopleNeeded: 1, label: 'Door' },
      ],
    });
    const [gate, door] = series.slots.map((s) => s.id);
    const past = await occurrenceOn(t, series.id, '2026-11-24');
    const before = await occurrenceOn(t, series.id, '2026-12-03');
    const changed = [await occurrenceOn(t, series.id, '2026-12-08'), await occurrenceOn(t, series.id, '2026-12-09')];
    const signups: Record<string, { id: string; status: string }[]> = {
      legal_observer: [],
      watch_volunteer: [],
      responder: [],
      driver: [],
    };
    for (const occ of changed) {
      signups.legal_observer.push(await signUp('legal_observer', occ, gate));
      signups.watch_volunteer.push(await signUp('watch_volunteer', occ, gate));
      signups.responder.push(await signUp('responder', occ, gate));
      signups.driver.push(await signUp('driver', occ, door));
    }
    const early = await signUp('driver', before, door);
    expect(signups.responder[0].status).toBe('waitlisted');
    const startOf = async (id: string) =>
      new Date(
        (
          await t.deps.database.db
            .selectFrom('shift_occurrences')
            .select('starts_at')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).starts_at,
      ).toISOString();
    const pastStart = await startOf(past);

    const res = await call(coord, 'PUT', `${base}/shift-series/${series.id}`, {
      fromDate: '2026-12-06',
      title: 'School drop-off (winter)',
      startTime: '08:00',
      endTime: '09:00',
      slots: [
        { id: gate, label: 'Gate', peopleNeeded: 1 },
        { label: 'Crossing', peopleNeeded: 1 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Sunday the 6th has no shift: the change starts on Monday the 7th.
    expect(body.series).toMatchObject({
      startDate: '2026-12-07',
      startTime: '08:00',
      continuesSeriesId: series.id,
      endsBefore: null,
      title: 'School drop-off (winter)',
    });
    expect(body.series.slots.map((s: { label: string }) => s.label)).toEqual(['Gate', 'Crossing']);
    expect(body.told).toEqual({ changed: 2, off: 2, on: 0 });

    const old = (await call(coord, 'GET', `${base}/sites/${site.id}/shifts`)).json().series as {
      id: string;
      endsBefore: string | null;
    }[];
    expect(old.map((s) => [s.id, s.endsBefore])).toEqual([
      [body.series.id, null],
      [series.id, '2026-12-07'],
    ]);
    // Past and earlier dates keep their times and series; changed dates keep their ids and move.
    expect(await startOf(past)).toBe(pastStart);
    expect(await startOf(before)).toBe('2026-12-03T13:30:00.000Z');
    expect(await startOf(changed[0])).toBe('2026-12-08T14:00:00.000Z');
    const shown = (await call(who.legal_observer, 'GET', `${base}/shifts/${changed[0]}`)).json();
    expect(shown).toMatchObject({ seriesId: body.series.id, title: 'School drop-off (winter)' });
    expect(
      shown.slots.map((s: { peopleNeeded: number; confirmed: number; waitlisted: number }) => [
        s.peopleNeeded,
        s.confirmed,
        s.waitlisted,
      ]),
    ).toEqual([
      [1, 1, 2],
      [1, 0, 0],
    ]);
    // First to join stays; the second goes back to the head of the waitlist; the removed slot's person is off.
    expect((await statusOf(signups.legal_observer[0].id)).status).toBe('confirmed');
    expect((await statusOf(signups.watch_volunteer[0].id)).status).toBe('waitlisted');
    expect((await statusOf(signups.driver[0].id)).status).toBe('cancelled');
    expect(await statusOf(early.id)).toMatchObject({ status: 'confirmed', slot_id: door });
    // One notice per person and kind, counting their dates, with the first new time.
    const observerTold = await noticesTo('legal_observer', 'changed');
    expect(observerTold).toHaveLength(1);
    expect(observerTold[0]).toMatchObject({ count: 2, startsAt: '2026-12-08T14:00:00.000Z', title: 'School drop-off (winter)' });
    expect((await noticesTo('watch_volunteer', 'off'))[0]).toMatchObject({ count: 2 });
    expect((await noticesTo('driver', 'off'))[0]).toMatchObject({ count: 2 });
    expect(await noticesTo('responder', 'changed')).toHaveLength(1);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'shift.edit')
      .where('target_id', '=', series.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail as string)).toMatchObject({
      continuedAs: body.series.id,
      fromDate: '2026-12-07',
      removedSlots: 1,
    });

    // The ended series cannot be changed again; its continuation can. More places: the waitlist moves up, in order.
    expect(
      (
        await call(coord, 'PUT', `${base}/shift-series/${series.id}`, {
          fromDate: '2026-12-08',
          title: 'x',
          startTime: '08:00',
          endTime: '09:00',
          slots: [{ peopleNeeded: 1 }],
        })
      ).statusCode,
    ).toBe(409);
    const more = await call(coord, 'PUT', `${base}/shift-series/${body.series.id}`, {
      fromDate: '2026-12-09',
      title: 'School drop-off (winter)',
      startTime: '08:00',
      endTime: '09:00',
      slots: [{ id: body.series.slots[0].id, label: 'Gate', peopleNeeded: 2 }],
    });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json().told).toEqual({ changed: 0, off: 0, on: 1 });
    expect((await statusOf(signups.watch_volunteer[1].id)).status).toBe('confirmed');
    expect((await statusOf(signups.responder[1].id)).status).toBe('waitlisted');
    expect((await statusOf(signups.watch_volunteer[0].id)).status).toBe('waitlisted');
    expect((await noticesTo('watch_volunteer', 'on'))[0]).toMatchObject({ count: 1 });

    // The horizon job moves on without bringing back dates an edit moved: one occurrence per day.
    t.clock.set(new Date('2027-01-20T12:00:00Z'));
    try {
      expect(await extendHorizon(t.deps)).toBeGreaterThan(0);
    } finally {
      t.clock.set(new Date('2026-11-29T13:00:00Z'));
    }
    const days = (
      await t.deps.database.db.selectFrom('shift_occurrences').select('local_date').where('site_id', '=', site.id).execute()
    ).map((o) => o.local_date);
    expect(days.length).toBe(new Set(days).size);
    expect(days).toContain('2027-03-01');
  });

  it('refuses a past start, a foreign or re-certified slot, a date under way, or another organization — nothing half-written', async () => {
    const courseId = await makeCourse(t, f.networkId, `lo-${Math.random()}`, 'Legal observer');
    await certify(t, f.networkId, f.accounts.legal_observer.id, courseId, null);
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { slots: [{ peopleNeeded: 1, courseId }] });
    const other = await makeShift(t.app, f, coord, site.id);
    const edit = (fromDate: string, slots: object[], cookie = coord) =>
      call(
        cookie,
        'PUT',
        `${base}/shift-series/${series.id}`,
        { fromDate, title: 'x', startTime: '07:00', endTime: '08:00', slots },
        { 'accept-language': 'so' },
      );
    const countSeries = async () =>
      (await t.deps.database.db.selectFrom('shift_series').select('id').where('site_id', '=', site.id).execute()).length;
    const pastStart = await edit('2026-11-20', [{ peopleNeeded: 1 }]);
    expect(pastStart.statusCode).toBe(400);
    expect(pastStart.json().error).toMatchObject({ code: 'validation_failed' });
    expect((await edit('2026-12-01', [{ id: other.slots[0].id, peopleNeeded: 1 }])).json().error.code).toBe('validation_failed');
    expect((await edit('2026-12-01', [{ id: series.slots[0].id, peopleNeeded: 1, courseId: null }])).json().error.code).toBe(
      'validation_failed',
    );
    expect((await edit('2026-12-01', [{ peopleNeeded: 0 }])).statusCode).toBe(400);
    expect((await edit('2026-12-01', [{ peopleNeeded: 1 }], coordB)).statusCode).toBe(403);
    expect((await edit('2026-12-01', [{ peopleNeeded: 1 }], who.legal_observer)).statusCode).toBe(403);
    // Monday's shift under way (07:45 Chicago): changing from Monday is too late, from Tuesday fine.
    t.clock.set(new Date('2026-11-30T13:45:00Z'));
    try {
      expect((await edit('2026-11-30', [{ peopleNeeded: 1 }])).json().error.code).toBe('too_late');
      expect(await countSeries()).toBe(2);
      expect(
        (
          await t.deps.database.db
            .selectFrom('shift_series')
            .select('ends_before')
            .where('id', '=', series.id)
            .executeTakeFirstOrThrow()
        ).ends_before,
      ).toBeNull();
      const ok = await edit('2026-12-01', [{ id: series.slots[0].id, peopleNeeded: 3, courseId }]);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().series.startDate).toBe('2026-12-01');
      expect(await countSeries()).toBe(3);
    } finally {
      t.clock.set(new Date('2026-11-29T13:00:00Z'));
    }
  });

  it('a rule with a COUNT keeps its remaining number of dates', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { startDate: '2026-11-30', rrule: 'FREQ=DAILY;COUNT=10' });
    expect(series.occurrences).toBe(10);
    const res = await call(coord, 'PUT', `${base}/shift-series/${series.id}`, {
      fromDate: '2026-12-04',
      title: 'x',
      startTime: '07:00',
      endTime: '08:00',
      slots: [{ id: series.slots[0].id, peopleNeeded: 1 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().series).toMatchObject({ rrule: 'FREQ=DAILY;COUNT=6', occurrences: 6 });
    const total = await t.deps.database.db.selectFrom('shift_occurrences').select('id').where('site_id', '=', site.id).execute();
    expect(total).toHaveLength(10);
  });
});
