import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type Persona, type TestApp } from '../../../test/harness/test-app.ts';
import { CARE_RIDES_POLICY } from './index.ts';
import { fileRide, rideBody } from './rides.test-support.ts';

type Action = keyof typeof CARE_RIDES_POLICY;

/**
 * Generated from the rides policy table: every route naming a ride action, as every persona, on
 * a fresh ride owned (claimed) by organization A; 403 exactly where the table says no. For the
 * address, the persona is made the ride's accompanier, so the table is the only gate left (the
 * address rule beyond it is in rides.api.test.ts).
 */
describe.each(DIALECTS)('care rides authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookies = new Map<Persona, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    for (const p of PERSONAS) cookies.set(p, await signIn(t.app, f.accounts[p].email));
  });
  afterAll(() => t.close());

  /** A ride in the state the action needs, so that an allowed persona gets a 2xx, not a 409. */
  async function target(action: Action, persona: Persona): Promise<string> {
    const id = await fileRide(t, cookies.get('org_coordinator')!);
    if (action === 'ride.claim' || action === 'ride.file' || action === 'ride.list' || action === 'ride.feed') return id;
    const now = t.clock.now().toISOString();
    const assigned = action !== 'ride.assign';
    await t.deps.database.db
      .updateTable('care_rides')
      .set({
        status: assigned ? 'assigned' : 'claimed',
        claimed_org_id: f.orgA,
        claimed_at: now,
        driver_account_id: assigned ? f.accounts.driver.id : null,
        accompanier_account_id: action === 'ride.address' ? f.accounts[persona].id : null,
        assigned_at: assigned ? now : null,
      })
      .where('id', '=', id)
      .execute();
    return id;
  }

  const bodyFor = (action: Action): object | undefined =>
    ({
      'ride.file': rideBody(),
      'ride.claim': { organizationId: f.orgA },
      'ride.assign': { role: 'driver', accountId: f.accounts.driver.id },
      'ride.progress': { status: 'picked_up' },
    })[action as string];

  it('allows and denies exactly as the table says, for every route and persona', async () => {
    const policyOf = (r: { config?: unknown }) =>
      (r.config as { policy?: { module: string; action: string } } | undefined)?.policy;
    const routes = t.app.routeCatalog.filter(
      (r) => r.method !== 'HEAD' && policyOf(r)?.module === 'care' && policyOf(r)!.action in CARE_RIDES_POLICY,
    );
    expect([...new Set(routes.map((r) => policyOf(r)!.action))].sort()).toEqual(Object.keys(CARE_RIDES_POLICY).sort());

    const mismatches: string[] = [];
    for (const route of routes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as 'GET' | 'POST' | 'DELETE';
      const action = policyOf(route)!.action as Action;
      for (const persona of PERSONAS) {
        const url = route.url.replace(':slug', 'alpha').replace(':rideId', await target(action, persona));
        const body = bodyFor(action);
        const res = await t.app.inject({
          method,
          url,
          headers: { cookie: cookies.get(persona)! },
          ...(body ? { payload: body } : {}),
        });
        const status = res.statusCode;
        const key = `${method} ${route.url}`;
        if (status === 400 || status === 401 || status === 409 || status >= 500)
          mismatches.push(`${key} as ${persona}: unexpected ${status} ${res.body}`);
        const expected = expectedAllowed(persona, CARE_RIDES_POLICY[action], 'A');
        if ((status !== 403) !== expected)
          mismatches.push(`${key} as ${persona}: expected ${expected ? 'allow' : 'deny'}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
