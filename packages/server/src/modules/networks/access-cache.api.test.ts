import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { buildApp } from '../../app.ts';
import { openDatabase } from '../../db/database.ts';
import { wireModules } from '../../modules.ts';
import type { Deps } from '../../platform/context.ts';
import { createEventBus } from '../../platform/events/event-bus.ts';

/**
 * Sessions, networks and access are cached (identity/session-cache.ts, networks/access-cache.ts).
 * Each change that takes something away or grants it must apply to the very next request,
 * with the cache warm: every test first makes the request that fills it.
 */
describe.each(DIALECTS)('cached sessions and access on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
  });
  afterEach(() => t.close());

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const members = (cookie: string) => get(`/api/v1/networks/alpha/organizations/${f.orgA}/members`, cookie);

  it('sign-out ends the session at once', async () => {
    const cookie = await signIn(t.app, f.accounts.dispatcher.email);
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } });
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
  });

  it('a revoked session and, after a password change, every other session end at once', async () => {
    const a = await signIn(t.app, f.accounts.dispatcher.email);
    const b = await signIn(t.app, f.accounts.dispatcher.email);
    const c = await signIn(t.app, f.accounts.dispatcher.email);
    for (const cookie of [a, b, c]) expect((await get('/api/v1/me', cookie)).statusCode).toBe(200);
    const currentOf = async (cookie: string) =>
      ((await get('/api/v1/me/sessions', cookie)).json().sessions as { id: string; current: boolean }[]).find((s) => s.current)!
        .id;
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${await currentOf(b)}`,
      headers: { cookie: a },
    });
    expect(revoked.statusCode).toBe(200);
    expect((await get('/api/v1/me', b)).statusCode).toBe(401);
    expect((await get('/api/v1/me', c)).statusCode).toBe(200);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie: a },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'an entirely new passphrase 2026' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await get('/api/v1/me', c)).statusCode).toBe(401);
    expect((await get('/api/v1/me', a)).statusCode).toBe(200);
  });

  it('a profile language change answers the next request in the new language', async () => {
    const cookie = await signIn(t.app, f.accounts.dispatcher.email);
    const forbidden = () => get('/api/v1/networks/alpha/audit', cookie);
    const before = (await forbidden()).json().error.message;
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie }, payload: { language: 'es' } });
    const after = (await forbidden()).json().error.message;
    expect(after).not.toBe(before);
  });

  it('losing a role takes its rights away at once, and gaining one grants them at once', async () => {
    const coordinator = await signIn(t.app, f.accounts.org_coordinator.email);
    const admin = await signIn(t.app, f.accounts.admin.email);
    expect((await members(coordinator)).statusCode).toBe(200);
    const setRoles = (roles: string[]) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/networks/alpha/memberships/${f.accounts.org_coordinator.membershipId}/roles`,
        headers: { cookie: admin },
        payload: { roles },
      });
    expect((await setRoles(['responder'])).statusCode).toBe(200);
    expect((await members(coordinator)).statusCode).toBe(403);
    expect((await setRoles(['org_coordinator'])).statusCode).toBe(200);
    expect((await members(coordinator)).statusCode).toBe(200);
  });

  it('a removed member loses the network at once', async () => {
    const responder = await signIn(t.app, f.accounts.responder.email);
    const admin = await signIn(t.app, f.accounts.admin.email);
    expect((await get('/api/v1/networks/alpha/organizations', responder)).statusCode).toBe(200);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/networks/alpha/memberships/${f.accounts.responder.membershipId}`,
      headers: { cookie: admin },
    });
    expect(removed.statusCode).toBe(200);
    expect((await get('/api/v1/networks/alpha/organizations', responder)).statusCode).toBe(403);
  });

  it('a vouched-in member is let in at once', async () => {
    const pending = await signIn(t.app, f.accounts.pending.email);
    const voucher = await signIn(t.app, f.accounts.dispatcher.email);
    expect((await get('/api/v1/networks/alpha/organizations', pending)).statusCode).toBe(403);
    const vouched = await t.app.inject({
      method: 'POST',
      url: `/api/v1/networks/alpha/memberships/${f.accounts.pending.membershipId}/vouches`,
      headers: { cookie: voucher },
    });
    expect(vouched.json()).toMatchObject({ status: 'active' });
    expect((await get('/api/v1/networks/alpha/organizations', pending)).statusCode).toBe(200);
  });

  it('admitting an organization gives its (already vouched) requester the coordinator role at once', async () => {
    const requester = await signIn(t.app, f.accounts.coordinator_b.email);
    const admin = await signIn(t.app, f.accounts.admin.email);
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/organization-requests',
      headers: { cookie: requester },
      payload: { name: 'Block Club 12', kind: 'informal', type: 'block_group' },
    });
    expect(asked.statusCode).toBe(200);
    const orgId = asked.json().id as string;
    const theirMembers = () => get(`/api/v1/networks/alpha/organizations/${orgId}/members`, requester);
    // A pending organization's roles count for nothing yet.
    expect((await theirMembers()).statusCode).toBe(403);
    const admitted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/networks/alpha/organizations/${orgId}/admit`,
      headers: { cookie: admin },
    });
    expect(admitted.statusCode).toBe(200);
    expect((await theirMembers()).statusCode).toBe(200);
  });
});

/**
 * Two app processes on one PostgreSQL each keep their own caches; a change made through one
 * reaches the other's caches through the event bus (LISTEN/NOTIFY), so a role taken away on
 * node A is gone on node B for the next request after the notification lands.
 */
describe('cache invalidation across app processes on postgres', () => {
  let t: TestApp;
  let f: Fixture;
  let nodeB: { app: Awaited<ReturnType<typeof buildApp>>; deps: Deps };
  beforeAll(async () => {
    t = await createTestApp('postgres');
    f = await seedFixture(t.deps);
    const database = openDatabase(t.testDb.url);
    const deps: Deps = { ...t.deps, database, events: await createEventBus(database, t.deps.keyring), wiring: wireModules() };
    nodeB = { app: await buildApp(deps, { logger: false }), deps };
  });
  afterAll(async () => {
    await nodeB.app.close();
    await nodeB.deps.events.close();
    await nodeB.deps.database.close();
    await t.close();
  });

  /** Ask node B until it answers `status`, for at most two seconds; returns what it answered last. */
  async function onNodeB(url: string, cookie: string, status: number): Promise<number> {
    const until = Date.now() + 2_000;
    let got = 0;
    while (Date.now() < until) {
      got = (await nodeB.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode;
      if (got === status) return got;
      await new Promise((r) => setTimeout(r, 20));
    }
    return got;
  }

  it('a role removed on node A is gone on node B, and sign-out on A ends the session on B', async () => {
    const coordinator = await signIn(t.app, f.accounts.org_coordinator.email);
    const admin = await signIn(t.app, f.accounts.admin.email);
    const url = `/api/v1/networks/alpha/organizations/${f.orgA}/members`;
    // Warm node B's caches.
    expect((await nodeB.app.inject({ method: 'GET', url, headers: { cookie: coordinator } })).statusCode).toBe(200);
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/networks/alpha/memberships/${f.accounts.org_coordinator.membershipId}/roles`,
      headers: { cookie: admin },
      payload: { roles: ['responder'] },
    });
    expect(await onNodeB(url, coordinator, 403)).toBe(403);

    expect((await nodeB.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: admin } })).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: admin } });
    expect(await onNodeB('/api/v1/me', admin, 401)).toBe(401);
  });
});
