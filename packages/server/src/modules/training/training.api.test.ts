import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { ERROR_MESSAGES } from '@switchboard/shared';
import { accountsCertifiedFor, hasValidCertification, listCourses } from './index.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe.each(DIALECTS)('training on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookie: Record<string, string> = {};
  const base = '/api/v1/networks/alpha/training';
  const call = (who: string | undefined, method: Method, url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `${base}${url}`,
      headers: { ...(who ? { cookie: cookie[who] } : {}), 'accept-language': 'es' },
      ...(payload ? { payload } : {}),
    });
  const course = async (body: object, who = 'org_coordinator') => {
    const res = await call(who, 'POST', '/courses', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; key: string };
  };
  /** Attendance is taken once a session has begun: the clock moves on to its start (or `at`), as days do. */
  const attend = (s: { id: string; startsAt: string }, payload: object, at = s.startsAt) => {
    t.clock.set(new Date(Math.max(t.clock.now().getTime(), Date.parse(at))));
    return call('trainer', 'PUT', `/sessions/${s.id}/attendance`, payload);
  };
  const session = async (body: object, who = 'trainer') => {
    const res = await call(who, 'POST', '/sessions', { language: 'en', place: 'Union hall', capacity: 10, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; startsAt: string; endsAt: string; startsAtLocal: string };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    await createAccountLanguage();
    for (const p of [
      'admin',
      'trainer',
      'org_coordinator',
      'responder',
      'legal_observer',
      'watch_volunteer',
      'driver',
      'case_worker',
      'pending',
      'outsider',
    ] as const)
      cookie[p] = await signIn(t.app, f.accounts[p].email);
  });
  afterAll(() => t.close());

  async function createAccountLanguage() {
    await t.deps.database.db.updateTable('accounts').set({ language: 'so' }).where('id', '=', f.accounts.driver.id).execute();
  }
  /** Moving the clock far ends sign-in sessions: sign everyone in again at the new time. */
  async function signInAll() {
    for (const p of Object.keys(cookie)) cookie[p] = await signIn(t.app, f.accounts[p as keyof Fixture['accounts']].email);
  }

  it('401 without a session; 403 for pending members, outsiders, and members managing; 400 on bad input, in the caller’s language', async () => {
    expect((await call(undefined, 'GET', '/courses')).statusCode).toBe(401);
    expect((await call('pending', 'GET', '/sessions')).statusCode).toBe(403);
    expect((await call('outsider', 'GET', '/courses')).statusCode).toBe(403);
    expect((await call('watch_volunteer', 'POST', '/courses', { key: 'x', name: 'X' })).statusCode).toBe(403);
    const bad = await call('trainer', 'POST', '/courses', { key: 'Not A Key', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(bad.json().error.message).not.toMatch(/^[a-z_]+$/);
    expect(
      (
        await call('trainer', 'POST', '/sessions', {
          courseId: '00000000-0000-7000-8000-000000000000',
          startsAtLocal: '2027-01-05T18:00',
          endsAtLocal: '2027-01-05T20:00',
          language: 'en',
          capacity: 5,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('manages courses: only coordinators and admins map a course to a dispatch qualification; keys are unique; prerequisites must exist', async () => {
    const kyr = await course({ key: 'kyr', name: 'Know your rights', validityMonths: 24 }, 'trainer');
    expect(
      (await call('trainer', 'POST', '/courses', { key: 'lo-by-trainer', name: 'LO', qualification: 'legal_observer' }))
        .statusCode,
    ).toBe(403);
    expect((await call('trainer', 'PATCH', `/courses/${kyr.id}`, { qualification: 'verifier' })).statusCode).toBe(403);
    expect((await call('org_coordinator', 'POST', '/courses', { key: 'kyr', name: 'Again' })).json().error.code).toBe('conflict');
    expect(
      (
        await call('org_coordinator', 'POST', '/courses', {
          key: 'bad-prereq',
          name: 'X',
          prerequisites: ['00000000-0000-7000-8000-000000000000'],
        })
      ).statusCode,
    ).toBe(400);
    const lo = await course({
      key: 'legal-observer',
      name: 'Legal observer',
      validityMonths: 12,
      qualification: 'legal_observer',
      prerequisites: [kyr.id],
    });
    const list = (await call('watch_volunteer', 'GET', '/courses')).json().courses;
    expect(list.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['kyr', 'legal-observer']));
    expect(list.find((c: { key: string }) => c.key === 'legal-observer')).toMatchObject({
      qualification: 'legal_observer',
      prerequisites: [kyr.id],
      issueOn: 'attendance',
      validityMonths: 12,
    });
    // The contract the shifts module uses.
    expect((await listCourses(t.deps.database.db, f.networkId)).find((c) => c.id === lo.id)).toEqual({
      id: lo.id,
      key: 'legal-observer',
      name: 'Legal observer',
      validityMonths: 12,
    });
  });

  it('keeps session times as wall-clock time in the network’s zone, across a daylight-saving change', async () => {
    const c = await course({ key: 'tz-course', name: 'Time zones' });
    // America/Chicago springs forward on 2027-03-14: 18:00 is UTC-6 the day before and UTC-5 the day after.
    const before = await session({ courseId: c.id, startsAtLocal: '2027-03-13T18:00', endsAtLocal: '2027-03-13T20:00' });
    const after = await session({ courseId: c.id, startsAtLocal: '2027-03-15T18:00', endsAtLocal: '2027-03-15T20:00' });
    expect(before.startsAt).toBe('2027-03-14T00:00:00.000Z');
    expect(after.startsAt).toBe('2027-03-15T23:00:00.000Z');
    expect(after.startsAtLocal).toBe('2027-03-15T18:00');
    // 02:30 does not exist that night; ending before starting is refused; so is the past.
    expect(
      (
        await call('trainer', 'POST', '/sessions', {
          courseId: c.id,
          startsAtLocal: '2027-03-14T02:30',
          endsAtLocal: '2027-03-14T04:00',
          language: 'en',
          place: 'x',
          capacity: 5,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call('trainer', 'POST', '/sessions', {
          courseId: c.id,
          startsAtLocal: '2027-03-15T18:00',
          endsAtLocal: '2027-03-15T17:00',
          language: 'en',
          place: 'x',
          capacity: 5,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call('trainer', 'POST', '/sessions', {
          courseId: c.id,
          startsAtLocal: '2026-11-01T18:00',
          endsAtLocal: '2026-11-01T19:00',
          language: 'en',
          place: 'x',
          capacity: 5,
        })
      ).statusCode,
    ).toBe(400);
    // Moving a session keeps local time meaning local time.
    const moved = (
      await call('trainer', 'PATCH', `/sessions/${before.id}`, {
        startsAtLocal: '2027-03-16T09:00',
        endsAtLocal: '2027-03-16T11:00',
      })
    ).json();
    expect(moved.startsAt).toBe('2027-03-16T14:00:00.000Z');
  });

  it('fills a session, then a waitlist that moves up by itself when someone cancels', async () => {
    const c = await course({ key: 'de-escalation', name: 'De-escalation' });
    const s = await session({ courseId: c.id, startsAtLocal: '2026-12-10T18:00', endsAtLocal: '2026-12-10T20:00', capacity: 2 });
    expect((await call('responder', 'PUT', `/sessions/${s.id}/registration`, {})).json()).toEqual({
      status: 'registered',
      waitlistPosition: null,
    });
    expect((await call('responder', 'PUT', `/sessions/${s.id}/registration`, {})).json().error.code).toBe('already_signed_up');
    await call('legal_observer', 'PUT', `/sessions/${s.id}/registration`, {});
    const full = await call('driver', 'PUT', `/sessions/${s.id}/registration`, {});
    expect(full.statusCode).toBe(409);
    // In the caller's language (the driver reads Somali).
    expect(full.json().error).toEqual({ code: 'full', message: ERROR_MESSAGES.so.full });
    expect((await call('driver', 'PUT', `/sessions/${s.id}/registration`, { joinWaitlist: true })).json()).toEqual({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect((await call('case_worker', 'PUT', `/sessions/${s.id}/registration`, { joinWaitlist: true })).json()).toEqual({
      status: 'waitlisted',
      waitlistPosition: 2,
    });
    const listed = (await call('driver', 'GET', '/sessions')).json().sessions.find((x: { id: string }) => x.id === s.id);
    expect(listed).toMatchObject({
      registered: 2,
      waitlisted: 2,
      capacity: 2,
      mine: { status: 'waitlisted', waitlistPosition: 1 },
    });

    expect((await call('legal_observer', 'DELETE', `/sessions/${s.id}/registration`)).json()).toEqual({
      status: 'cancelled',
      waitlistPosition: null,
    });
    expect((await call('driver', 'GET', `/sessions/${s.id}`)).json().mine).toEqual({
      status: 'registered',
      waitlistPosition: null,
    });
    expect((await call('case_worker', 'GET', `/sessions/${s.id}`)).json().mine).toEqual({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    // The promoted person is told, on the channels they chose.
    const notices = await t.deps.database.db
      .selectFrom('outbox')
      .select(['payload_enc', 'recipient_enc'])
      .where('dedupe_key', 'like', 'training-promoted:%')
      .execute();
    expect(notices).toHaveLength(1);
    expect(JSON.parse(t.deps.keyring.decrypt('contact', notices[0].payload_enc!))).toMatchObject({
      type: 'training',
      kind: 'waitlist_promoted',
      course: 'De-escalation',
    });
    expect(t.deps.keyring.decrypt('contact', notices[0].recipient_enc)).toBe(f.accounts.driver.email);
    // Raising the capacity gives the next person a place too.
    await call('trainer', 'PATCH', `/sessions/${s.id}`, { capacity: 3 });
    expect((await call('case_worker', 'GET', `/sessions/${s.id}`)).json().mine.status).toBe('registered');
    // Once the session has started, places can no longer change.
    t.clock.set(new Date('2026-12-11T00:30:00Z'));
    expect((await call('driver', 'DELETE', `/sessions/${s.id}/registration`)).json().error.code).toBe('too_late');
    expect(
      (await call('legal_observer', 'PUT', `/sessions/${s.id}/registration`, { joinWaitlist: true })).json().error.code,
    ).toBe('too_late');
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
    await signInAll();
  });

  it('gives the last places to exactly as many people as there are places when they register at once', async () => {
    const c = await course({ key: 'rush', name: 'Rush' });
    const s = await session({ courseId: c.id, startsAtLocal: '2026-12-11T18:00', endsAtLocal: '2026-12-11T20:00', capacity: 2 });
    const people = ['responder', 'legal_observer', 'driver', 'case_worker', 'watch_volunteer', 'org_coordinator'];
    const answers = await Promise.all(
      people.map((p) => call(p, 'PUT', `/sessions/${s.id}/registration`, { joinWaitlist: true })),
    );
    const statuses = answers.map((a) => a.json().status);
    expect(statuses.filter((x) => x === 'registered')).toHaveLength(2);
    expect(statuses.filter((x) => x === 'waitlisted')).toHaveLength(4);
    const positions = answers
      .map((a) => a.json().waitlistPosition)
      .filter((x) => x !== null)
      .sort();
    expect(positions).toEqual([1, 2, 3, 4]);
  });

  it('cancels a session: everyone registered or waiting is told, and nobody can register any more', async () => {
    const c = await course({ key: 'cancelled-course', name: 'Called off' });
    const s = await session({ courseId: c.id, startsAtLocal: '2026-12-14T18:00', endsAtLocal: '2026-12-14T20:00', capacity: 1 });
    await call('responder', 'PUT', `/sessions/${s.id}/registration`, {});
    await call('driver', 'PUT', `/sessions/${s.id}/registration`, { joinWaitlist: true });
    expect((await call('watch_volunteer', 'PATCH', `/sessions/${s.id}`, { status: 'cancelled' })).statusCode).toBe(403);
    expect((await call('trainer', 'PATCH', `/sessions/${s.id}`, { status: 'cancelled' })).json().status).toBe('cancelled');
    const told = await t.deps.database.db
      .selectFrom('outbox')
      .select('payload_enc')
      .where('dedupe_key', 'like', 'training-cancelled:%')
      .execute();
    expect(told.map((r) => JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)).kind)).toEqual([
      'session_cancelled',
      'session_cancelled',
    ]);
    expect((await call('legal_observer', 'PUT', `/sessions/${s.id}/registration`, {})).statusCode).toBe(404);
    expect((await call('trainer', 'PATCH', `/sessions/${s.id}`, { capacity: 5 })).json().error.code).toBe('conflict');
  });

  it('asks for the prerequisite before registering', async () => {
    const kyr = (await call('trainer', 'GET', '/courses')).json().courses.find((c: { key: string }) => c.key === 'kyr');
    const lo = (await call('trainer', 'GET', '/courses')).json().courses.find((c: { key: string }) => c.key === 'legal-observer');
    const s = await session({ courseId: lo.id, startsAtLocal: '2026-12-12T10:00', endsAtLocal: '2026-12-12T13:00' });
    const refused = await call('watch_volunteer', 'PUT', `/sessions/${s.id}/registration`, {});
    expect(refused.json().error).toMatchObject({ code: 'prerequisite_missing', details: { courseIds: [kyr.id] } });
    const kyrSession = await session({ courseId: kyr.id, startsAtLocal: '2026-12-01T10:00', endsAtLocal: '2026-12-01T12:00' });
    await call('watch_volunteer', 'PUT', `/sessions/${kyrSession.id}/registration`, {});
    await attend(kyrSession, { present: [f.accounts.watch_volunteer.id] });
    expect((await call('watch_volunteer', 'PUT', `/sessions/${s.id}/registration`, {})).json().status).toBe('registered');
  });

  it('refuses attendance before a session starts, and takes it from an hour before', async () => {
    const c = await course({ key: 'future-course', name: 'Future course' });
    const s = await session({ courseId: c.id, startsAtLocal: '2027-02-10T18:00', endsAtLocal: '2027-02-10T20:00' });
    await call('case_worker', 'PUT', `/sessions/${s.id}/registration`, {});
    // Three days ahead: refused with the reason, in the caller's language, and nothing written.
    t.clock.set(new Date(Date.parse(s.startsAt) - 3 * 24 * 3600_000));
    await signInAll();
    const early = await call('trainer', 'PUT', `/sessions/${s.id}/attendance`, { present: [f.accounts.case_worker.id] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'session_not_started', details: { startsAt: s.startsAt } });
    expect(early.json().error.message).toMatch(/\s/);
    const roster = (await call('trainer', 'GET', `/sessions/${s.id}/roster`)).json();
    expect(roster.people.find((p: { accountId: string }) => p.accountId === f.accounts.case_worker.id).attended).toBe(false);
    // People arriving at the door, a quarter of an hour early: taken.
    t.clock.set(new Date(Date.parse(s.startsAt) - 15 * 60_000));
    expect(
      (await call('trainer', 'PUT', `/sessions/${s.id}/attendance`, { present: [f.accounts.case_worker.id] })).json(),
    ).toMatchObject({
      issued: 1,
    });
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
    await signInAll();
  });

  it('takes attendance: ticks issue certifications, walk-ins must be members, nobody certifies themself, and an untick withdraws', async () => {
    const c = await course({ key: 'driver-safety', name: 'Driver safety', validityMonths: 12 });
    const s = await session({ courseId: c.id, startsAtLocal: '2026-12-02T18:00', endsAtLocal: '2026-12-02T20:00' });
    await call('driver', 'PUT', `/sessions/${s.id}/registration`, {});
    await call('case_worker', 'PUT', `/sessions/${s.id}/registration`, {});
    expect((await attend(s, { present: [f.accounts.driver.id, f.accounts.outsider.id] })).statusCode).toBe(400);
    expect((await attend(s, { present: [f.accounts.trainer.id] })).statusCode).toBe(403);
    expect((await attend(s, { present: [], signedOff: [f.accounts.driver.id] })).statusCode).toBe(400);

    // Typed the morning after the session.
    const saved = await attend(s, { present: [f.accounts.driver.id, f.accounts.responder.id] }, '2026-12-03T15:00:00.000Z');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ issued: 2, withdrawn: 0 });
    const people = saved.json().roster.people as { accountId: string; attended: boolean; walkIn: boolean; certified: boolean }[];
    expect(people.find((p) => p.accountId === f.accounts.responder.id)).toMatchObject({
      attended: true,
      walkIn: true,
      certified: true,
    });
    expect(people.find((p) => p.accountId === f.accounts.case_worker.id)).toMatchObject({ attended: false, certified: false });
    // Saving the same again issues nothing twice.
    expect((await attend(s, { present: [f.accounts.driver.id, f.accounts.responder.id] })).json()).toMatchObject({
      issued: 0,
      withdrawn: 0,
    });
    const mine = (await call('driver', 'GET', '/certifications/mine')).json().certifications;
    expect(mine).toHaveLength(1);
    // Attendance typed after the session dates the certification from the session; it expires 12 months later, local time.
    expect(mine[0]).toMatchObject({
      course: { key: 'driver-safety' },
      source: 'attendance',
      state: 'valid',
      issuedAt: s.endsAt,
      expiresAt: '2027-12-03T02:00:00.000Z',
    });
    const withdrawn = await attend(s, { present: [f.accounts.driver.id] });
    expect(withdrawn.json()).toMatchObject({ issued: 0, withdrawn: 1 });
    expect(await hasValidCertification(t.deps.database.db, f.networkId, f.accounts.responder.id, c.id, t.clock.now())).toBe(
      false,
    );
    expect(await accountsCertifiedFor(t.deps.database.db, f.networkId, c.id, t.clock.now())).toEqual(
      new Set([f.accounts.driver.id]),
    );
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'training.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(
        [
          'training.attendance.save',
          'training.certification.issue',
          'training.certification.revoke',
          'training.roster.read',
        ].filter((a) => a !== 'training.roster.read'),
      ),
    );
  });

  it('certifies sign-off courses only when the trainer signs the person off', async () => {
    const c = await course({ key: 'confidentiality', name: 'Case-work confidentiality', issueOn: 'signoff' });
    const s = await session({ courseId: c.id, startsAtLocal: '2026-12-03T18:00', endsAtLocal: '2026-12-03T20:00' });
    await call('case_worker', 'PUT', `/sessions/${s.id}/registration`, {});
    expect((await attend(s, { present: [f.accounts.case_worker.id] })).json().issued).toBe(0);
    const roster = (await call('trainer', 'GET', `/sessions/${s.id}/roster`)).json();
    expect(roster.people[0]).toMatchObject({ displayName: 'case_worker', attended: true, signedOff: false, certified: false });
    const signed = (
      await attend(s, {
        present: [f.accounts.case_worker.id],
        signedOff: [f.accounts.case_worker.id],
      })
    ).json();
    expect(signed.issued).toBe(1);
    expect(
      (await call('case_worker', 'GET', '/certifications/mine'))
        .json()
        .certifications.find((x: { course: { key: string } }) => x.course.key === 'confidentiality').source,
    ).toBe('signoff');
    // Roster reads are audited.
    expect(
      await t.deps.database.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'training.roster.read')
        .where('target_id', '=', s.id)
        .executeTakeFirst(),
    ).toBeDefined();
  });

  it('lets an expired certification lapse by the clock alone; revocation and overrides are audited', async () => {
    const c = await course({ key: 'short', name: 'Short course', validityMonths: 1 });
    const s = await session({ courseId: c.id, startsAtLocal: '2026-12-04T18:00', endsAtLocal: '2026-12-04T20:00' });
    await attend(s, { present: [f.accounts.driver.id] });
    const cert = (await call('driver', 'GET', '/certifications/mine'))
      .json()
      .certifications.find((x: { course: { key: string } }) => x.course.key === 'short');
    // A month from the session's start, when attendance was taken.
    expect(cert.expiresAt).toBe('2027-01-05T00:00:00.000Z');
    t.clock.set(new Date('2027-01-04T23:59:59Z'));
    expect(await hasValidCertification(t.deps.database.db, f.networkId, f.accounts.driver.id, c.id, t.clock.now())).toBe(true);
    t.clock.set(new Date('2027-01-05T00:00:00Z'));
    expect(await hasValidCertification(t.deps.database.db, f.networkId, f.accounts.driver.id, c.id, t.clock.now())).toBe(false);
    await signInAll();
    expect(
      (await call('driver', 'GET', '/certifications/mine')).json().certifications.find((x: { id: string }) => x.id === cert.id)
        .state,
    ).toBe('expired');
    // The session is now among the past ones (for typing up attendance late), no longer upcoming.
    expect((await call('trainer', 'GET', '/sessions?when=past')).json().sessions.map((x: { id: string }) => x.id)).toContain(
      s.id,
    );
    expect((await call('trainer', 'GET', '/sessions')).json().sessions.map((x: { id: string }) => x.id)).not.toContain(s.id);
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
    await signInAll();

    // Override: a coordinator certifies someone trained elsewhere, with a reason; nobody certifies themself.
    expect(
      (
        await call('org_coordinator', 'POST', '/certifications', {
          accountId: f.accounts.org_coordinator.id,
          courseId: c.id,
          reason: 'mine',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('watch_volunteer', 'POST', '/certifications', {
          accountId: f.accounts.driver.id,
          courseId: c.id,
          reason: 'x'.repeat(5),
        })
      ).statusCode,
    ).toBe(403);
    const manual = await call('org_coordinator', 'POST', '/certifications', {
      accountId: f.accounts.case_worker.id,
      courseId: c.id,
      reason: 'Trained by the county legal aid clinic',
    });
    expect(manual.json()).toMatchObject({ source: 'manual', state: 'valid', displayName: 'case_worker' });
    const revoked = await call('admin', 'POST', `/certifications/${manual.json().id}/revoke`, { reason: 'Recorded by mistake' });
    expect(revoked.json()).toMatchObject({ state: 'revoked' });
    expect((await call('admin', 'POST', `/certifications/${manual.json().id}/revoke`, { reason: 'Again' })).statusCode).toBe(409);
    const entries = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'in', ['training.certification.override', 'training.certification.revoke'])
      .execute();
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['training.certification.override', 'training.certification.revoke']),
    );
    expect(entries.find((e) => e.action === 'training.certification.override')!.detail).toContain('county legal aid');
    // Managers can look certifications up (audited); members only see their own.
    expect(
      (await call('trainer', 'GET', `/certifications?accountId=${f.accounts.case_worker.id}`)).json().certifications.length,
    ).toBeGreaterThan(0);
    expect((await call('driver', 'GET', '/certifications')).statusCode).toBe(403);
  });

  it('finds members for walk-ins by name, never outsiders or pending members', async () => {
    const res = await call('trainer', 'GET', '/people?q=driv');
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json().people;
    expect(found).toEqual([{ accountId: f.accounts.driver.id, displayName: 'driver' }]);
    expect((await call('trainer', 'GET', '/people?q=outsider')).json().people).toEqual([]);
    expect((await call('trainer', 'GET', '/people?q=pending')).json().people).toEqual([]);
    expect((await call('driver', 'GET', '/people?q=driv')).statusCode).toBe(403);
  });
});
