import { ERROR_MESSAGES } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { renderTrainingNotice, type TrainingNoticePayload } from './notices.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Changing a session after it was scheduled, and a course's prerequisites after it was made. */
describe.each(DIALECTS)('training edits on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookie: Record<string, string> = {};
  const base = '/api/v1/networks/alpha/training';
  const call = (who: string, method: Method, url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `${base}${url}`,
      headers: { cookie: cookie[who], 'accept-language': 'es' },
      ...(payload ? { payload } : {}),
    });
  const course = async (body: object) => {
    const res = await call('trainer', 'POST', '/courses', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; prerequisites: string[] };
  };
  const prerequisitesOf = async (id: string) =>
    (await call('trainer', 'GET', '/courses')).json().courses.find((c: { id: string }) => c.id === id).prerequisites;
  /** Outbox rows of "session changed" notices: who, in which language, saying what. */
  const changedNotices = async () => {
    const rows = await t.deps.database.db
      .selectFrom('outbox')
      .select(['payload_enc', 'recipient_enc', 'channel'])
      .where('dedupe_key', 'like', 'training-changed:%')
      .execute();
    return rows.map((r) => ({
      to: t.deps.keyring.decrypt('contact', r.recipient_enc),
      channel: r.channel,
      payload: JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)) as TrainingNoticePayload,
    }));
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    await t.deps.database.db.updateTable('accounts').set({ language: 'so' }).where('id', '=', f.accounts.driver.id).execute();
    // Messages follow the caller's own language setting.
    await t.deps.database.db.updateTable('accounts').set({ language: 'es' }).where('id', '=', f.accounts.trainer.id).execute();
    for (const p of ['trainer', 'org_coordinator', 'responder', 'legal_observer', 'driver', 'watch_volunteer'] as const)
      cookie[p] = await signIn(t.app, f.accounts[p].email);
  });
  afterAll(() => t.close());

  it('changes a session: a new time or place is sent to everyone registered or waiting in their language; other changes are not', async () => {
    const c = await course({ key: 'edit-me', name: 'Moving session' });
    const created = await call('trainer', 'POST', '/sessions', {
      courseId: c.id,
      startsAtLocal: '2026-12-10T18:00',
      endsAtLocal: '2026-12-10T20:00',
      language: 'en',
      place: 'Union hall',
      capacity: 2,
    });
    const s = created.json() as { id: string };
    await call('responder', 'PUT', `/sessions/${s.id}/registration`, {});
    await call('legal_observer', 'PUT', `/sessions/${s.id}/registration`, {});
    await call('driver', 'PUT', `/sessions/${s.id}/registration`, { joinWaitlist: true });

    // Members who do not manage training cannot change it.
    expect((await call('watch_volunteer', 'PATCH', `/sessions/${s.id}`, { place: 'Elsewhere' })).statusCode).toBe(403);
    // Language and trainer: saved, nobody is messaged.
    const relabelled = await call('trainer', 'PATCH', `/sessions/${s.id}`, {
      language: 'es',
      trainerAccountId: f.accounts.org_coordinator.id,
    });
    expect(relabelled.statusCode, relabelled.body).toBe(200);
    expect(relabelled.json()).toMatchObject({ language: 'es', trainer: { id: f.accounts.org_coordinator.id } });
    // The same time and place again is no change either.
    expect(
      (await call('trainer', 'PATCH', `/sessions/${s.id}`, { startsAtLocal: '2026-12-10T18:00', place: 'Union hall' }))
        .statusCode,
    ).toBe(200);
    expect(await changedNotices()).toEqual([]);

    const moved = await call('org_coordinator', 'PATCH', `/sessions/${s.id}`, {
      startsAtLocal: '2026-12-12T17:30',
      endsAtLocal: '2026-12-12T19:30',
      place: 'Central library, room 2',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      startsAtLocal: '2026-12-12T17:30',
      endsAtLocal: '2026-12-12T19:30',
      startsAt: '2026-12-12T23:30:00.000Z',
      place: 'Central library, room 2',
    });
    const told = await changedNotices();
    // Both registered people and the one waiting, each once per channel, in their own language.
    expect(told.map((n) => n.to).sort()).toEqual(
      [f.accounts.driver.email, f.accounts.legal_observer.email, f.accounts.responder.email].sort(),
    );
    for (const n of told)
      expect(n.payload).toMatchObject({
        type: 'training',
        kind: 'session_changed',
        course: 'Moving session',
        at: '2026-12-12T23:30:00.000Z',
        where: 'Central library, room 2',
        slug: 'alpha',
      });
    const toDriver = told.find((n) => n.to === f.accounts.driver.email)!;
    expect(toDriver.payload.language).toBe('so');
    const somali = renderTrainingNotice(toDriver.payload, toDriver.to, 'https://sb.example.org');
    expect(somali.subject).toBe('Tababarka waa la beddelay');
    expect(somali.text).toContain('Central library, room 2');
    expect(told.find((n) => n.to === f.accounts.responder.email)!.payload.language).toBe('en');

    // Switching to online only: the link is where it is now; people are told again.
    const online = await call('trainer', 'PATCH', `/sessions/${s.id}`, {
      place: null,
      onlineUrl: 'https://meet.example.org/kyr',
    });
    expect(online.json()).toMatchObject({ place: null, onlineUrl: 'https://meet.example.org/kyr' });
    expect((await changedNotices()).filter((n) => n.payload.where === 'https://meet.example.org/kyr')).toHaveLength(3);
  });

  it('refuses a session with neither place nor link, a move into the past, and fewer places than people registered; nothing is half-saved', async () => {
    const c = await course({ key: 'edit-refusals', name: 'Refusals' });
    const s = (
      await call('trainer', 'POST', '/sessions', {
        courseId: c.id,
        startsAtLocal: '2026-12-15T18:00',
        endsAtLocal: '2026-12-15T20:00',
        language: 'en',
        place: 'Union hall',
        capacity: 2,
      })
    ).json() as { id: string };
    await call('responder', 'PUT', `/sessions/${s.id}/registration`, {});
    await call('legal_observer', 'PUT', `/sessions/${s.id}/registration`, {});
    await call('driver', 'PUT', `/sessions/${s.id}/registration`, { joinWaitlist: true });
    const before = (await call('trainer', 'GET', `/sessions/${s.id}`)).json();

    const noWhere = await call('trainer', 'PATCH', `/sessions/${s.id}`, { place: null });
    expect(noWhere.statusCode).toBe(400);
    expect(noWhere.json().error).toMatchObject({ code: 'validation_failed', details: { fields: ['place'] } });
    const past = await call('trainer', 'PATCH', `/sessions/${s.id}`, {
      startsAtLocal: '2026-11-20T18:00',
      endsAtLocal: '2026-11-20T20:00',
      place: 'Somewhere new',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details).toEqual({ fields: ['startsAtLocal'] });
    const fewer = await call('trainer', 'PATCH', `/sessions/${s.id}`, { capacity: 1, place: 'Somewhere new' });
    expect(fewer.statusCode).toBe(409);
    // In the caller's language.
    expect(fewer.json().error).toMatchObject({
      code: 'capacity_below_registered',
      message: ERROR_MESSAGES.es.capacity_below_registered,
      details: { registered: 2 },
    });
    expect((await call('trainer', 'PATCH', `/sessions/${s.id}`, { capacity: 0 })).statusCode).toBe(400);
    expect((await call('trainer', 'GET', `/sessions/${s.id}`)).json()).toEqual(before);
    expect((await changedNotices()).filter((n) => n.payload.course === 'Refusals')).toEqual([]);

    // Raising the capacity gives the person waiting a place, and tells them.
    const raised = await call('trainer', 'PATCH', `/sessions/${s.id}`, { capacity: 3 });
    expect(raised.json()).toMatchObject({ capacity: 3, registered: 3, waitlisted: 0 });
    expect((await call('driver', 'GET', `/sessions/${s.id}`)).json().mine).toEqual({
      status: 'registered',
      waitlistPosition: null,
    });
    const promoted = await t.deps.database.db
      .selectFrom('outbox')
      .select('payload_enc')
      .where('dedupe_key', 'like', 'training-promoted:%')
      .execute();
    expect(
      promoted.map((r) => JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!))).filter((p) => p.course === 'Refusals'),
    ).toEqual([expect.objectContaining({ kind: 'waitlist_promoted', language: 'so' })]);

    // Once a session has begun its time can no longer move.
    t.clock.set(new Date('2026-12-16T00:30:00Z'));
    cookie.trainer = await signIn(t.app, f.accounts.trainer.email);
    expect(
      (
        await call('trainer', 'PATCH', `/sessions/${s.id}`, {
          startsAtLocal: '2026-12-20T18:00',
          endsAtLocal: '2026-12-20T20:00',
        })
      ).json().error.code,
    ).toBe('too_late');
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
    cookie.trainer = await signIn(t.app, f.accounts.trainer.email);
  });

  it('changes a course’s prerequisites but refuses a cycle, directly or through other courses, in the caller’s language', async () => {
    const a = await course({ key: 'cycle-a', name: 'A' });
    const b = await course({ key: 'cycle-b', name: 'B', prerequisites: [a.id] });
    const c = await course({ key: 'cycle-c', name: 'C', prerequisites: [b.id] });
    const d = await course({ key: 'cycle-d', name: 'D' });

    for (const prerequisites of [[a.id], [c.id], [d.id, b.id]]) {
      const res = await call('trainer', 'PATCH', `/courses/${a.id}`, { prerequisites, validityMonths: 6 });
      expect(res.statusCode, JSON.stringify(prerequisites)).toBe(400);
      expect(res.json().error).toEqual({
        code: 'prerequisite_cycle',
        message: ERROR_MESSAGES.es.prerequisite_cycle,
        details: { fields: ['prerequisites'] },
      });
    }
    // Nothing of a refused change is saved.
    const unchanged = (await call('trainer', 'GET', '/courses')).json().courses.find((x: { id: string }) => x.id === a.id);
    expect(unchanged).toMatchObject({ prerequisites: [], validityMonths: null });

    // Not a cycle: C may require both A and B (A is reached twice), and A may require D.
    expect((await call('trainer', 'PATCH', `/courses/${c.id}`, { prerequisites: [a.id, b.id, a.id] })).statusCode).toBe(200);
    expect(await prerequisitesOf(c.id)).toEqual([a.id, b.id]);
    const withD = await call('trainer', 'PATCH', `/courses/${a.id}`, {
      prerequisites: [d.id],
      validityMonths: 6,
      issueOn: 'signoff',
    });
    expect(withD.json()).toMatchObject({ prerequisites: [d.id], validityMonths: 6, issueOn: 'signoff' });
    // …and now D may not require C (C → A → D → C).
    expect((await call('trainer', 'PATCH', `/courses/${d.id}`, { prerequisites: [c.id] })).json().error.code).toBe(
      'prerequisite_cycle',
    );
    // Removing a prerequisite is always allowed.
    expect((await call('trainer', 'PATCH', `/courses/${c.id}`, { prerequisites: [] })).json().prerequisites).toEqual([]);
  });

  it('lets only one of two changes that would together close a cycle through, when they arrive at once', async () => {
    for (let round = 0; round < 3; round++) {
      const x = await course({ key: `race-x-${round}`, name: `X${round}` });
      const y = await course({ key: `race-y-${round}`, name: `Y${round}` });
      const [one, two] = await Promise.all([
        call('trainer', 'PATCH', `/courses/${x.id}`, { prerequisites: [y.id] }),
        call('org_coordinator', 'PATCH', `/courses/${y.id}`, { prerequisites: [x.id] }),
      ]);
      expect([one.statusCode, two.statusCode].sort()).toEqual([200, 400]);
      expect([one, two].find((r) => r.statusCode === 400)!.json().error.code).toBe('prerequisite_cycle');
      expect([...(await prerequisitesOf(x.id)), ...(await prerequisitesOf(y.id))]).toHaveLength(1);
    }
  });
});
