import { latLngToCell } from 'h3-js';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { reportNoShows, sendReminders } from './index.ts';
import { renderShiftNotice, type ShiftNoticePayload } from './shift-notices.ts';
import { caller, certify, makeCourse, makeShift, makeSite, occurrenceOn, shiftNotices } from './shifts.test-support.ts';

const SCHOOL = { lat: 44.9607, lng: -93.2576 };

describe.each(DIALECTS)('shift operations on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let call: ReturnType<typeof caller>;
  let coord: string;
  let coordB: string;
  let watch: string;
  let observer: string;
  let courseId: string;
  const base = '/api/v1/networks/alpha';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t.app);
    [coord, coordB, watch, observer] = await Promise.all(
      [f.accounts.org_coordinator, f.accounts.coordinator_b, f.accounts.watch_volunteer, f.accounts.legal_observer].map((a) =>
        signIn(t.app, a.email),
      ),
    );
    courseId = await makeCourse(t, f.networkId, 'legal-observer', 'Legal observer');
    await certify(t, f.networkId, f.accounts.legal_observer.id, courseId, null);
  });
  afterAll(() => t.close());

  it('shows a week of coverage, gaps first, and a slot turns from empty to short to filled', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { slots: [{ peopleNeeded: 2, courseId, label: 'Observers' }] });
    const occ = await occurrenceOn(t, series.id, '2026-12-01');
    const week = async () => (await call(coord, 'GET', `${base}/coverage?week=2026-11-30&siteId=${site.id}`)).json();
    let w = await week();
    expect(w).toMatchObject({ weekStart: '2026-11-30', timeZone: 'America/Chicago', totals: { empty: 5, short: 0, filled: 0 } });
    const slot = series.slots[0].id;
    await call(observer, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`);
    w = await week();
    expect(w.totals).toEqual({ empty: 4, short: 1, filled: 0 });
    expect(w.cells.map((c: { state: string }) => c.state)).toEqual(['empty', 'empty', 'empty', 'empty', 'short']);
    await call(coord, 'POST', `${base}/shifts/${occ}/slots/${slot}/assign`, {
      accountId: f.accounts.driver.id,
      overrideCertification: true,
    });
    w = await week();
    expect(w.totals).toEqual({ empty: 4, short: 0, filled: 1 });
    expect(w.cells.at(-1)).toMatchObject({
      occurrenceId: occ,
      state: 'filled',
      confirmed: 2,
      needed: 2,
      courseName: 'Legal observer',
      slotLabel: 'Observers',
      localDate: '2026-12-01',
    });
    // Coordinator B coordinates none of org A's sites.
    expect((await call(coordB, 'GET', `${base}/coverage?week=2026-11-30&siteId=${site.id}`)).json().cells).toEqual([]);
    // Whole network for the admin.
    const admin = await signIn(t.app, f.accounts.admin.email);
    const whole = (await call(admin, 'GET', `${base}/coverage?week=2026-11-30`)).json();
    expect(whole.cells.length).toBeGreaterThanOrEqual(5);
    // A limit lists the most urgent cells only; totals still count every slot.
    const two = (await call(admin, 'GET', `${base}/coverage?week=2026-11-30&limit=2`)).json();
    expect(two.cells.map((c: { state: string }) => c.state)).toEqual(['empty', 'empty']);
    expect(two.more).toBe(whole.cells.length - 2);
    expect(two.totals).toEqual(whole.totals);
  });

  it('calls for help: asks certified members near the site who are free then, once per gap', async () => {
    const db = t.deps.database.db;
    const home = latLngToCell(SCHOOL.lat, SCHOOL.lng, 7);
    const far = latLngToCell(46.78, -92.1, 7); // Duluth
    await db
      .updateTable('accounts')
      .set({ home_area: home })
      .where('id', 'in', [f.accounts.legal_observer.id, f.accounts.watch_volunteer.id, f.accounts.dispatcher.id])
      .execute();
    await db.updateTable('accounts').set({ home_area: far }).where('id', '=', f.accounts.responder.id).execute();
    await certify(t, f.networkId, f.accounts.responder.id, courseId, null);
    await certify(t, f.networkId, f.accounts.dispatcher.id, courseId, null);
    const site = await makeSite(t.app, f, coord, SCHOOL);
    const series = await makeShift(t.app, f, coord, site.id, {
      startDate: '2026-12-09',
      rrule: undefined,
      slots: [{ peopleNeeded: 3, courseId }],
    });
    const occ = await occurrenceOn(t, series.id, '2026-12-09');
    // The dispatcher is busy at that time on another shift.
    const other = await makeShift(t.app, f, coord, site.id, {
      startDate: '2026-12-09',
      startTime: '07:00',
      endTime: '09:00',
      rrule: undefined,
    });
    await call(
      await signIn(t.app, f.accounts.dispatcher.email),
      'POST',
      `${base}/shifts/${await occurrenceOn(t, other.id, '2026-12-09')}/slots/${other.slots[0].id}/signup`,
    );
    const before = (await shiftNotices(t)).filter((n) => n.kind === 'help').length;
    expect((await call(watch, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/call-for-help`)).statusCode).toBe(403);
    const res = await call(coord, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/call-for-help`);
    // Near and certified and free: only the legal observer (watch is not certified, responder is far, dispatcher busy).
    expect(res.json()).toEqual({ notified: 1 });
    const help = (await shiftNotices(t)).filter((n) => n.kind === 'help');
    expect(help.length - before).toBe(1);
    expect(help.at(-1)).toMatchObject({ to: f.accounts.legal_observer.email, site: site.name });
    await call(coord, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/call-for-help`);
    expect((await shiftNotices(t)).filter((n) => n.kind === 'help').length - before).toBe(1);
  });

  it('sends reminders 24 h and 1 h before, in the volunteer’s language and the network’s time, once each', async () => {
    const db = t.deps.database.db;
    await db.updateTable('accounts').set({ language: 'es' }).where('id', '=', f.accounts.watch_volunteer.id).execute();
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, {
      startDate: '2026-12-10',
      rrule: undefined,
      title: 'Turno escolar',
    });
    const occ = await occurrenceOn(t, series.id, '2026-12-10');
    await call(watch, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/signup`);
    const mineFor = async () => (await shiftNotices(t)).filter((n) => n.kind === 'reminder' && n.title === 'Turno escolar');
    t.clock.set(new Date('2026-12-09T13:00:00Z'));
    await sendReminders(t.deps);
    expect(await mineFor()).toEqual([]);
    t.clock.set(new Date('2026-12-09T13:31:00Z'));
    await sendReminders(t.deps);
    await sendReminders(t.deps);
    expect(await mineFor()).toHaveLength(1);
    t.clock.set(new Date('2026-12-10T12:45:00Z'));
    await sendReminders(t.deps);
    const sent = await mineFor();
    expect(sent).toHaveLength(2);
    const message = renderShiftNotice(sent[0] as unknown as ShiftNoticePayload, 'x@example.org', 'https://sb.example');
    expect(message.subject).toBe('Recordatorio de turno');
    // 07:30 in Chicago, not 13:30 UTC.
    expect(message.text).toMatch(/7:30/);
    expect(message.text).toContain('https://sb.example/n/alpha/shifts/mine');
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
  });

  it('tells the site’s coordinators about a no-show after the grace period, once', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, {
      startDate: '2026-12-11',
      rrule: undefined,
      noShowGraceMinutes: 15,
      slots: [{ peopleNeeded: 2 }],
    });
    const occ = await occurrenceOn(t, series.id, '2026-12-11');
    await call(watch, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/signup`);
    const signed = (await call(observer, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/signup`)).json();
    t.clock.set(new Date('2026-12-11T13:35:00Z'));
    await call(observer, 'POST', `${base}/signups/${signed.id}/check-in`);
    await reportNoShows(t.deps);
    const noShow = () => shiftNotices(t).then((ns) => ns.filter((n) => n.kind === 'noShow' && n.site === site.name));
    expect(await noShow()).toEqual([]);
    t.clock.set(new Date('2026-12-11T13:46:00Z'));
    await reportNoShows(t.deps);
    await reportNoShows(t.deps);
    const sent = await noShow();
    expect(sent).toEqual([expect.objectContaining({ to: f.accounts.org_coordinator.email, count: 1, names: 'watch_volunteer' })]);
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
  });

  it('serves a private calendar feed that an independent parser reads with the right local times, and stops when revoked', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { startDate: '2026-10-26' });
    t.clock.set(new Date('2026-10-27T12:00:00Z'));
    for (const d of ['2026-10-30', '2026-11-02'])
      await call(observer, 'POST', `${base}/shifts/${await occurrenceOn(t, series.id, d)}/slots/${series.slots[0].id}/signup`);
    const created = (await call(observer, 'POST', `${base}/calendar-feed`)).json();
    expect(created).toMatchObject({ active: true, url: expect.stringMatching(/\/api\/v1\/calendar\/[A-Za-z0-9_-]+\.ics$/) });
    expect((await call(observer, 'GET', `${base}/calendar-feed`)).json()).toMatchObject({ active: true, url: null });
    const path = new URL(created.url).pathname;
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VTIMEZONE');
    const events = (Object.values(ical.sync.parseICS(feed.body)).filter((e) => e?.type === 'VEVENT') as VEvent[]).filter((e) =>
      String(e.summary).includes(site.name),
    );
    const byStart = events.map((e) => [new Date(e.start).toISOString(), (e.start as unknown as { tz?: string }).tz]).sort();
    // Friday before and Monday after the clocks go back: same 07:30 in Chicago.
    expect(byStart).toEqual([
      ['2026-10-30T12:30:00.000Z', 'America/Chicago'],
      ['2026-11-02T13:30:00.000Z', 'America/Chicago'],
    ]);
    expect(events[0].summary).toContain(site.name);
    // Only the hash is stored.
    const token = path.split('/').pop()!.replace('.ics', '');
    expect(await t.deps.database.db.selectFrom('calendar_feeds').select('id').where('token_hash', '=', token).execute()).toEqual(
      [],
    );
    // A new URL replaces the old; revoking ends it.
    const second = (await call(observer, 'POST', `${base}/calendar-feed`)).json();
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    await call(observer, 'DELETE', `${base}/calendar-feed`);
    expect((await t.app.inject({ method: 'GET', url: new URL(second.url).pathname })).statusCode).toBe(404);
    // A site feed for its coordinators only.
    expect((await call(watch, 'POST', `${base}/sites/${site.id}/calendar-feed`)).statusCode).toBe(403);
    const siteFeed = (await call(coord, 'POST', `${base}/sites/${site.id}/calendar-feed`)).json();
    const siteEvents = Object.values(
      ical.sync.parseICS((await t.app.inject({ method: 'GET', url: new URL(siteFeed.url).pathname })).body),
    ).filter((e) => e?.type === 'VEVENT');
    expect(siteEvents.length).toBeGreaterThan(10);
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
  });

  it('exports shifts and attendance as CSV with formulas defused', async () => {
    const db = t.deps.database.db;
    await db
      .updateTable('accounts')
      .set({ display_name: '=HYPERLINK("http://evil.example","x")' })
      .where('id', '=', f.accounts.responder.id)
      .execute();
    const site = await makeSite(t.app, f, coord, { name: '+SUM(A1:A9)' });
    const series = await makeShift(t.app, f, coord, site.id, { startDate: '2026-12-02', rrule: undefined });
    const occ = await occurrenceOn(t, series.id, '2026-12-02');
    await call(
      await signIn(t.app, f.accounts.responder.email),
      'POST',
      `${base}/shifts/${occ}/slots/${series.slots[0].id}/signup`,
    );
    expect((await call(watch, 'GET', `${base}/exports/attendance.csv`)).statusCode).toBe(403);
    const shifts = await call(coord, 'GET', `${base}/exports/shifts.csv?from=2026-12-02&to=2026-12-02`);
    expect(shifts.headers['content-type']).toContain('text/csv');
    expect(shifts.body.split('\n')[0]).toBe('site,shift,slot,starts,ends,time_zone,needed,confirmed');
    expect(shifts.body).toContain("'+SUM(A1:A9),School drop-off,,2026-12-02 07:30,2026-12-02 08:30,America/Chicago,1,1");
    const attendance = await call(coord, 'GET', `${base}/exports/attendance.csv?from=2026-12-02&to=2026-12-02`);
    expect(attendance.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")",confirmed`);
    expect(attendance.body).not.toMatch(/^=|,=/m);
  });
});
