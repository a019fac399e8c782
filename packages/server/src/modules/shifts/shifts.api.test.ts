import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { caller, certify, makeCourse, makeShift, makeSite, occurrenceOn, shiftNotices } from './shifts.test-support.ts';

describe.each(DIALECTS)('sites and shifts on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let call: ReturnType<typeof caller>;
  let coord: string;
  let coordB: string;
  let watch: string;
  let observer: string;
  let responder: string;
  let courseId: string;
  const base = '/api/v1/networks/alpha';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t.app);
    [coord, coordB, watch, observer, responder] = await Promise.all(
      [
        f.accounts.org_coordinator,
        f.accounts.coordinator_b,
        f.accounts.watch_volunteer,
        f.accounts.legal_observer,
        f.accounts.responder,
      ].map((a) => signIn(t.app, a.email)),
    );
    courseId = await makeCourse(t, f.networkId, 'legal-observer', 'Legal observer');
    await certify(t, f.networkId, f.accounts.legal_observer.id, courseId, null);
  });
  afterAll(() => t.close());

  it('401: sites and shifts need a session', async () => {
    expect((await call(undefined, 'GET', `${base}/sites`)).statusCode).toBe(401);
    expect((await call(undefined, 'GET', `${base}/shifts`)).statusCode).toBe(401);
  });

  it('403: a volunteer cannot register a site; coordinator B cannot register one for org A nor plan its shifts', async () => {
    const body = { organizationId: f.orgA, name: 'X', kind: 'school', address: 'Y', lat: 44.9, lng: -93.2 };
    expect((await call(watch, 'POST', `${base}/sites`, body)).statusCode).toBe(403);
    expect((await call(coordB, 'POST', `${base}/sites`, body)).statusCode).toBe(403);
    const site = await makeSite(t.app, f, coord);
    expect(
      (
        await call(coordB, 'POST', `${base}/sites/${site.id}/shifts`, {
          title: 'x',
          startDate: '2026-12-01',
          startTime: '07:30',
          endTime: '08:30',
          slots: [{ peopleNeeded: 1 }],
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(watch, 'GET', `${base}/coverage`)).statusCode).toBe(403);
  });

  it('400: an unknown kind, a precise-less site, an invalid recurrence (translated), a slot naming an unknown course', async () => {
    expect(
      (
        await call(coord, 'POST', `${base}/sites`, {
          organizationId: f.orgA,
          name: 'X',
          kind: 'bar',
          address: 'Y',
          lat: 44.9,
          lng: -93.2,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call(coord, 'POST', `${base}/sites`, { organizationId: f.orgA, name: 'X', kind: 'school', address: 'Y' }))
        .statusCode,
    ).toBe(400);
    const site = await makeSite(t.app, f, coord);
    const bad = await call(
      coord,
      'POST',
      `${base}/sites/${site.id}/shifts`,
      {
        title: 'x',
        startDate: '2026-12-01',
        startTime: '07:30',
        endTime: '08:30',
        rrule: 'FREQ=MINUTELY',
        slots: [{ peopleNeeded: 1 }],
      },
      { 'accept-language': 'es' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_recurrence');
    const unknownCourse = await call(coord, 'POST', `${base}/sites/${site.id}/shifts`, {
      title: 'x',
      startDate: '2026-12-01',
      startTime: '07:30',
      endTime: '08:30',
      slots: [{ peopleNeeded: 1, courseId: crypto.randomUUID() }],
    });
    expect(unknownCourse.json().error.code).toBe('validation_failed');
    expect(await t.deps.database.db.selectFrom('shift_series').select('id').where('site_id', '=', site.id).execute()).toEqual([]);
    expect((await call(coord, 'GET', `${base}/coverage?week=0000-00-00`)).json().error.code).toBe('validation_failed');
    expect((await call(coord, 'GET', `${base}/coverage?week=2026-02-30`)).statusCode).toBe(400);
  });

  it('fills in at most 60 days of a series that started long ago', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { startDate: '2000-01-03', rrule: 'FREQ=DAILY' });
    const first = await t.deps.database.db
      .selectFrom('shift_occurrences')
      .select('local_date')
      .where('series_id', '=', series.id)
      .orderBy('local_date')
      .executeTakeFirstOrThrow();
    expect(first.local_date >= '2026-09-29').toBe(true);
    expect(series.occurrences).toBeLessThanOrEqual(60 + 84 + 2);
  });

  it('keeps notes encrypted at rest, shows them to members who can see the site, and audits the read', async () => {
    const site = await makeSite(t.app, f, coord);
    const row = await t.deps.database.db
      .selectFrom('sites')
      .select('notes_enc')
      .where('id', '=', site.id)
      .executeTakeFirstOrThrow();
    expect(row.notes_enc).not.toContain('Ortiz');
    const detail = (await call(watch, 'GET', `${base}/sites/${site.id}`)).json();
    expect(detail).toMatchObject({ notes: expect.stringContaining('east gate'), canManage: false, languages: ['es', 'so'] });
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'site.read_notes')
      .where('target_id', '=', site.id)
      .execute();
    expect(audit.map((a) => a.actor_id)).toContain(f.accounts.watch_volunteer.id);
  });

  it('shares a site with its owner only, named organizations, or the network', async () => {
    const owner = await makeSite(t.app, f, coord, { sharing: 'owner' });
    const named = await makeSite(t.app, f, coord, { sharing: 'organizations', sharedWith: [f.orgB] });
    const listB = (await call(coordB, 'GET', `${base}/sites`)).json().sites.map((s: { id: string }) => s.id);
    expect(listB).not.toContain(owner.id);
    expect(listB).toContain(named.id);
    expect((await call(coordB, 'GET', `${base}/sites/${owner.id}`)).statusCode).toBe(404);
    expect((await call(watch, 'GET', `${base}/sites/${owner.id}`)).statusCode).toBe(200);
  });

  it('imports sites from CSV: preview with per-row errors in the caller’s language, nothing written on a bad file, all rows on a good one', async () => {
    const bad =
      'name,kind,address,lat,lng,languages\nMasjid,mosque,1 Main St,44.9,-93.2,so\n,school,2 Main St,44.9,-93.2,\nCourt,bar,3 Main St,91,-93.2,xx\n';
    // A Spanish-speaking network admin: row errors come back in Spanish.
    await t.deps.database.db.updateTable('accounts').set({ language: 'es' }).where('id', '=', f.accounts.admin.id).execute();
    const admin = await signIn(t.app, f.accounts.admin.email);
    const preview = await call(admin, 'POST', `${base}/sites/import`, { organizationId: f.orgA, csv: bad });
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({ rows: 3, valid: 1, imported: 0 });
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { row: 3, field: 'name', message: 'Este campo es obligatorio.' },
        expect.objectContaining({ row: 4, field: 'kind', message: expect.stringContaining('Tipo desconocido') }),
        expect.objectContaining({ row: 4, field: 'lat' }),
        expect.objectContaining({ row: 4, field: 'languages' }),
      ]),
    );
    const before = await t.deps.database.db.selectFrom('sites').select('id').execute();
    const commit = await call(coord, 'POST', `${base}/sites/import`, { organizationId: f.orgA, csv: bad, commit: true });
    expect(commit.statusCode).toBe(400);
    expect(commit.json().error.code).toBe('csv_rejected');
    expect(await t.deps.database.db.selectFrom('sites').select('id').execute()).toHaveLength(before.length);
    const good =
      'name,kind,address,lat,lng,languages,notes\nMasjid An-Nur,mosque,1 Main St,44.95,-93.25,so ar,Side door\nHennepin County Court,courthouse,300 S 6th St,44.977,-93.265,,\n';
    const ok = await call(coord, 'POST', `${base}/sites/import`, { organizationId: f.orgA, csv: good, commit: true });
    expect(ok.json()).toMatchObject({ rows: 2, valid: 2, imported: 2, errors: [] });
    expect(await t.deps.database.db.selectFrom('sites').select('id').execute()).toHaveLength(before.length + 2);
    const header = await call(coord, 'POST', `${base}/sites/import`, { organizationId: f.orgA, csv: 'foo,bar\n1,2\n' });
    expect(header.json().error.code).toBe('csv_rejected');
  });

  it('expands a weekly series at 07:30 local across the end of daylight saving, and an exception leaves the series intact', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { startDate: '2026-10-26' });
    const occ = await t.deps.database.db
      .selectFrom('shift_occurrences')
      .select(['local_date', 'starts_at'])
      .where('series_id', '=', series.id)
      .where('local_date', 'in', ['2026-10-30', '2026-11-02'])
      .orderBy('local_date')
      .execute();
    expect(occ.map((o) => new Date(o.starts_at).toISOString())).toEqual(['2026-10-30T12:30:00.000Z', '2026-11-02T13:30:00.000Z']);
    const holiday = await call(coord, 'POST', `${base}/shift-series/${series.id}/exceptions`, { date: '2026-12-24' });
    expect(holiday.json().exceptions).toEqual(['2026-12-24']);
    const open = (await call(watch, 'GET', `${base}/shifts?days=60`))
      .json()
      .shifts.filter((s: { seriesId: string }) => s.seriesId === series.id);
    expect(open.map((s: { localDate: string }) => s.localDate)).not.toContain('2026-12-24');
    expect(open.map((s: { localDate: string }) => s.localDate)).toContain('2026-12-23');
    expect(open.map((s: { localDate: string }) => s.localDate)).toContain('2026-12-25');
  });

  it('gates a slot by certification: not_certified without it, sign-up with it, and an expired one stops gating at once', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { slots: [{ peopleNeeded: 1, courseId }] });
    const occ = await occurrenceOn(t, series.id, '2026-12-01');
    const slot = series.slots[0].id;
    const denied = await call(watch, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`, undefined, {
      'accept-language': 'so',
    });
    expect(denied.statusCode).toBe(409);
    expect(denied.json().error.code).toBe('not_certified');
    const shown = (await call(watch, 'GET', `${base}/shifts/${occ}`)).json();
    expect(shown.slots[0]).toMatchObject({ eligible: false, courseName: 'Legal observer', people: [] });
    // Certified until tomorrow only: valid now, but not at the shift's start.
    const cert = await certify(t, f.networkId, f.accounts.watch_volunteer.id, courseId, new Date('2026-11-30T12:00:00Z'));
    expect((await call(watch, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`)).json().error.code).toBe('not_certified');
    await t.deps.database.db
      .updateTable('training_certifications')
      .set({ expires_at: '2027-06-01T00:00:00.000Z' })
      .where('id', '=', cert)
      .execute();
    const ok = await call(watch, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`);
    expect(ok.json()).toMatchObject({ status: 'confirmed', accountId: f.accounts.watch_volunteer.id });
    expect((await call(watch, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`)).json().error.code).toBe('already_signed_up');
    // Expired (clock moved past it): the next sign-up is refused immediately, no job involved.
    await t.deps.database.db
      .updateTable('training_certifications')
      .set({ expires_at: '2026-11-29T12:00:01.000Z' })
      .where('id', '=', cert)
      .execute();
    t.clock.advance(2000);
    const occ2 = await occurrenceOn(t, series.id, '2026-12-02');
    expect((await call(watch, 'POST', `${base}/shifts/${occ2}/slots/${slot}/signup`)).json().error.code).toBe('not_certified');
  });

  it('fills, then waitlists (or answers full), cancels within the cut-off only, and promotes the waitlist with a notice', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { slots: [{ peopleNeeded: 1 }], cancelCutoffHours: 12 });
    const occ = await occurrenceOn(t, series.id, '2026-12-03');
    const slot = series.slots[0].id;
    const first = (await call(responder, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`)).json();
    expect(first.status).toBe('confirmed');
    expect(
      (await call(observer, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`, { waitlist: false })).json().error.code,
    ).toBe('full');
    const waiting = (await call(observer, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`)).json();
    expect(waiting.status).toBe('waitlisted');
    // Someone else's sign-up does not exist for me.
    expect((await call(observer, 'POST', `${base}/signups/${first.id}/cancel`)).statusCode).toBe(404);
    const cancelled = await call(responder, 'POST', `${base}/signups/${first.id}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
    const mine = (await call(observer, 'GET', `${base}/shifts/mine`)).json().shifts.find((s: { id: string }) => s.id === occ);
    expect(mine.mine).toMatchObject({ status: 'confirmed' });
    const notices = await shiftNotices(t);
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'promoted', to: f.accounts.legal_observer.email, site: site.name }),
    );
    // Past the cut-off (12 h before 07:30 local on Dec 3): too late to cancel a confirmed place.
    t.clock.set(new Date('2026-12-03T02:00:00Z'));
    const late = await call(observer, 'POST', `${base}/signups/${waiting.id}/cancel`);
    expect(late.json().error.code).toBe('too_late');
    t.clock.set(new Date('2026-11-29T12:00:05Z'));
  });

  it('swaps: an offered place is taken by another eligible member; the first is off and told', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { slots: [{ peopleNeeded: 1, courseId }] });
    const occ = await occurrenceOn(t, series.id, '2026-12-04');
    const slot = series.slots[0].id;
    const mine = (await call(observer, 'POST', `${base}/shifts/${occ}/slots/${slot}/signup`)).json();
    expect((await call(responder, 'POST', `${base}/signups/${mine.id}/take`)).statusCode).toBe(409);
    expect((await call(observer, 'POST', `${base}/signups/${mine.id}/swap`, { offered: true })).json().swapOffered).toBe(true);
    // The responder is not certified: cannot take it.
    expect((await call(responder, 'POST', `${base}/signups/${mine.id}/take`)).json().error.code).toBe('not_certified');
    await certify(t, f.networkId, f.accounts.responder.id, courseId, null);
    const shown = (await call(responder, 'GET', `${base}/shifts/${occ}`)).json();
    expect(shown.slots[0].swapOffers).toEqual([mine.id]);
    const taken = await call(responder, 'POST', `${base}/signups/${mine.id}/take`);
    expect(taken.json()).toMatchObject({ status: 'confirmed', accountId: f.accounts.responder.id });
    const detail = (await call(coord, 'GET', `${base}/shifts/${occ}`)).json();
    expect(detail.slots[0].people.map((p: { accountId: string }) => p.accountId)).toEqual([f.accounts.responder.id]);
    expect(await shiftNotices(t)).toContainEqual(expect.objectContaining({ kind: 'swap', to: f.accounts.legal_observer.email }));
  });

  it('lets a coordinator assign directly, overriding the certification only when asked, and audits the override', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { slots: [{ peopleNeeded: 2, courseId }] });
    const occ = await occurrenceOn(t, series.id, '2026-12-07');
    const slot = series.slots[0].id;
    const driver = f.accounts.driver.id;
    expect(
      (await call(coord, 'POST', `${base}/shifts/${occ}/slots/${slot}/assign`, { accountId: driver })).json().error.code,
    ).toBe('not_certified');
    expect(
      (
        await call(coordB, 'POST', `${base}/shifts/${occ}/slots/${slot}/assign`, {
          accountId: driver,
          overrideCertification: true,
        })
      ).statusCode,
    ).toBe(403);
    const res = await call(coord, 'POST', `${base}/shifts/${occ}/slots/${slot}/assign`, {
      accountId: driver,
      overrideCertification: true,
    });
    expect(res.json()).toMatchObject({ status: 'confirmed', accountId: driver });
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'shift.certification_override')
      .where('target_id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(f.accounts.org_coordinator.id);
    expect(JSON.parse(audit.detail)).toMatchObject({ accountId: driver, courseId });
    const people = (await call(coord, 'GET', `${base}/shifts/${occ}`)).json().slots[0].people;
    expect(people).toEqual([expect.objectContaining({ accountId: driver, overridden: true })]);
    // Names on a shift are a schedule of where people will be: the coordinator's read is audited.
    const read = await t.deps.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'shift.people_read')
      .where('target_id', '=', occ)
      .execute();
    expect(read.map((r) => r.actor_id)).toContain(f.accounts.org_coordinator.id);
    expect(await shiftNotices(t)).toContainEqual(expect.objectContaining({ kind: 'assigned', to: f.accounts.driver.email }));
  });

  it('checks in and out with one tap, only around the shift, and shows who is on site now', async () => {
    const site = await makeSite(t.app, f, coord);
    const series = await makeShift(t.app, f, coord, site.id, { startDate: '2026-11-30', rrule: undefined });
    const occ = await occurrenceOn(t, series.id, '2026-11-30');
    const s = (await call(watch, 'POST', `${base}/shifts/${occ}/slots/${series.slots[0].id}/signup`)).json();
    expect((await call(watch, 'POST', `${base}/signups/${s.id}/check-in`)).json().error.code).toBe('too_late');
    t.clock.set(new Date('2026-11-30T13:25:00Z'));
    const inn = (await call(watch, 'POST', `${base}/signups/${s.id}/check-in`)).json();
    expect(inn.checkedInAt).toBe('2026-11-30T13:25:00.000Z');
    expect((await call(coord, 'GET', `${base}/on-site`)).json().people).toContainEqual(
      expect.objectContaining({ siteId: site.id, accountId: f.accounts.watch_volunteer.id }),
    );
    expect((await call(coordB, 'GET', `${base}/on-site`)).json().people.map((p: { siteId: string }) => p.siteId)).not.toContain(
      site.id,
    );
    t.clock.set(new Date('2026-11-30T14:31:00Z'));
    expect((await call(watch, 'POST', `${base}/signups/${s.id}/check-out`)).json().checkedOutAt).toBe('2026-11-30T14:31:00.000Z');
    expect((await call(coord, 'GET', `${base}/on-site`)).json().people.map((p: { siteId: string }) => p.siteId)).not.toContain(
      site.id,
    );
    const row = await t.deps.database.db.selectFrom('shift_signups').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(Object.keys(row).some((k) => /lat|lng|cell|location/.test(k))).toBe(false);
    t.clock.set(new Date('2026-11-29T12:00:10Z'));
  });
});
