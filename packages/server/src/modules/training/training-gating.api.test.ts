import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

const SCENE = { lat: 44.9486, lng: -93.2526 };
let n = 0;

/**
 * Dispatch counts a qualification held by hand or through a valid certification of a
 * course mapped to it — and stops counting the certification the moment it expires,
 * by the clock alone, or is revoked.
 */
describe.each(DIALECTS)('dispatch gated by certifications on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookie: Record<string, string> = {};
  const call = (who: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who ? { cookie: cookie[who] } : {}, ...(payload ? { payload } : {}) });

  async function signInAll() {
    for (const p of ['dispatcher', 'responder', 'trainer', 'org_coordinator', 'admin'] as const)
      cookie[p] = await signIn(t.app, f.accounts[p].email);
  }
  /** A fresh incident far from the others, and who dispatch picks for it as a legal observer. */
  async function dispatchLegalObserver() {
    const point = { lat: SCENE.lat + ++n * 0.3, lng: SCENE.lng };
    await call('responder', 'PUT', '/api/v1/networks/alpha/responder/availability', {
      available: true,
      cell: latLngToCell(point.lat, point.lng, 8),
    });
    await call(undefined, 'POST', '/api/v1/networks/alpha/reports', { category: 'home_raid', point });
    const incident = (await call('dispatcher', 'GET', '/api/v1/networks/alpha/incidents'))
      .json()
      .incidents.find((i: { point: { lat: number } | null }) => i.point && Math.abs(i.point.lat - point.lat) < 0.01);
    const res = await call('dispatcher', 'POST', `/api/v1/networks/alpha/incidents/${incident.id}/dispatches`, {
      qualification: 'legal_observer',
      count: 5,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().dispatches.map((d: { accountId: string }) => d.accountId) as string[];
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    await signInAll();
  });
  afterAll(() => t.close());

  it('picks a certified responder until the certification expires, with no job in between', async () => {
    // The index is built before any certification exists: issuing one must reach it.
    expect(await dispatchLegalObserver()).toEqual([]);
    const course = (
      await call('org_coordinator', 'POST', '/api/v1/networks/alpha/training/courses', {
        key: 'lo',
        name: 'Legal observer',
        validityMonths: 1,
        qualification: 'legal_observer',
      })
    ).json();
    const session = (
      await call('trainer', 'POST', '/api/v1/networks/alpha/training/sessions', {
        courseId: course.id,
        startsAtLocal: '2026-11-30T18:00',
        endsAtLocal: '2026-11-30T20:00',
        language: 'en',
        place: 'Hall',
        capacity: 5,
      })
    ).json();
    // Attendance is taken at the session (Monday 18:00 in Minneapolis).
    t.clock.set(new Date('2026-12-01T00:00:00Z'));
    expect(
      (
        await call('trainer', 'PUT', `/api/v1/networks/alpha/training/sessions/${session.id}/attendance`, {
          present: [f.accounts.responder.id],
        })
      ).json().issued,
    ).toBe(1);
    expect(await dispatchLegalObserver()).toEqual([f.accounts.responder.id]);
    // The responder's own screen says so too.
    expect((await call('responder', 'GET', '/api/v1/networks/alpha/responder')).json().qualifications).toEqual([
      'legal_observer',
    ]);

    // One month later (local time), to the minute: no longer a legal observer for dispatch.
    t.clock.set(new Date('2026-12-30T23:59:00Z'));
    await signInAll();
    expect(await dispatchLegalObserver()).toEqual([f.accounts.responder.id]);
    t.clock.set(new Date('2026-12-31T00:00:00Z'));
    expect(await dispatchLegalObserver()).toEqual([]);
    expect((await call('responder', 'GET', '/api/v1/networks/alpha/responder')).json().qualifications).toEqual([]);

    // A coordinator's manual qualification still counts (the audited override).
    await call('org_coordinator', 'PUT', `/api/v1/networks/alpha/members/${f.accounts.responder.id}/qualifications`, {
      qualifications: ['legal_observer'],
    });
    expect(await dispatchLegalObserver()).toEqual([f.accounts.responder.id]);
    await call('org_coordinator', 'PUT', `/api/v1/networks/alpha/members/${f.accounts.responder.id}/qualifications`, {
      qualifications: [],
    });
    expect(await dispatchLegalObserver()).toEqual([]);
  });

  it('stops picking a responder whose certification is revoked, and counts one issued as an override', async () => {
    const course = (await call('org_coordinator', 'GET', '/api/v1/networks/alpha/training/courses'))
      .json()
      .courses.find((c: { key: string }) => c.key === 'lo');
    const cert = (
      await call('org_coordinator', 'POST', '/api/v1/networks/alpha/training/certifications', {
        accountId: f.accounts.responder.id,
        courseId: course.id,
        reason: 'Trained with the ACLU in October',
      })
    ).json();
    expect(await dispatchLegalObserver()).toEqual([f.accounts.responder.id]);
    await call('admin', 'POST', `/api/v1/networks/alpha/training/certifications/${cert.id}/revoke`, {
      reason: 'Left the network',
    });
    expect(await dispatchLegalObserver()).toEqual([]);
  });

  it('follows a course newly mapped to a qualification, for certifications already held', async () => {
    const course = (
      await call('org_coordinator', 'POST', '/api/v1/networks/alpha/training/courses', {
        key: 'verify',
        name: 'Verifier',
        validityMonths: 12,
      })
    ).json();
    await call('org_coordinator', 'POST', '/api/v1/networks/alpha/training/certifications', {
      accountId: f.accounts.responder.id,
      courseId: course.id,
      reason: 'Trained elsewhere',
    });
    expect(await dispatchLegalObserver()).toEqual([]);
    await call('org_coordinator', 'PATCH', `/api/v1/networks/alpha/training/courses/${course.id}`, {
      qualification: 'legal_observer',
    });
    expect(await dispatchLegalObserver()).toEqual([f.accounts.responder.id]);
  });

  it('rebuilds the index with certifications from the database (a fresh process)', async () => {
    const { responderIndex } = await import('../dispatch/responder-indexes.ts');
    const fresh = { ...t.deps };
    const index = await responderIndex(fresh, f.networkId);
    const point = { lat: SCENE.lat + n * 0.3, lng: SCENE.lng };
    expect(
      index.nearest(point, { count: 1, qualification: 'legal_observer', at: t.clock.now().getTime() }).map((c) => c.accountId),
    ).toEqual([f.accounts.responder.id]);
    expect(index.nearest(point, { count: 1, qualification: 'legal_observer', at: Date.parse('2028-01-15T00:00:00Z') })).toEqual(
      [],
    );
  });
});
