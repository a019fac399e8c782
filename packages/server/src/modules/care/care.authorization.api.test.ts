import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type Persona, type TestApp } from '../../../test/harness/test-app.ts';
import { CARE_POLICY } from './index.ts';
import { nextSource, requestBody, taskIn } from './care.test-support.ts';
import { HUB_ACTIONS, hubBodyFor, hubTarget } from './hubs.test-support.ts';

/**
 * Generated from the care policy table: every route naming a care action, as every persona,
 * on a fresh request or task owned (claimed) by organization A; 403 exactly where the table
 * says no. The address rule beyond the table (which driver, which status) is in care.api.test.ts.
 */
describe.each(DIALECTS)('care authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const cookies = new Map<Persona, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    for (const p of PERSONAS) cookies.set(p, await signIn(t.app, f.accounts[p].email));
  });
  afterAll(() => t.close());

  /** The state each action needs, so that an allowed persona gets a 2xx, not a 409. */
  async function target(action: keyof typeof CARE_POLICY) {
    const admin = cookies.get('admin')!;
    if (HUB_ACTIONS.has(action)) return hubTarget(t, f, cookies.get('org_coordinator')!, action);
    if (action === 'request.triage') {
      const res = await t.app.inject({
        method: 'POST',
        remoteAddress: nextSource(),
        url: '/api/v1/networks/alpha/care/public-requests',
        payload: requestBody(),
      });
      const row = await t.deps.database.db
        .selectFrom('care_requests')
        .select('id')
        .where('receipt_code', '=', res.json().receiptCode)
        .executeTakeFirstOrThrow();
      return { requestId: row.id, taskId: '' };
    }
    if (action === 'task.claim') return taskIn(t, f, admin, { status: 'open' });
    if (action === 'task.request_claim') return taskIn(t, f, admin, { status: 'claimed', orgId: f.orgB });
    if (action === 'task.transfer') {
      const task = await taskIn(t, f, admin, { status: 'claimed' });
      const asked = await t.app.inject({
        method: 'POST',
        remoteAddress: nextSource(),
        url: `/api/v1/networks/alpha/care/tasks/${task.taskId}/claim-requests`,
        headers: { cookie: cookies.get('coordinator_b')! },
        payload: { organizationId: f.orgB, reason: 'We are next door' },
      });
      if (asked.statusCode !== 201) throw new Error(`claim request: ${asked.statusCode} ${asked.body}`);
      return { ...task, claimRequestId: asked.json().id as string };
    }
    if (action === 'task.assign') return taskIn(t, f, admin, { status: 'claimed' });
    if (action === 'offer.decide') {
      const offered = await t.app.inject({
        method: 'POST',
        remoteAddress: nextSource(),
        url: '/api/v1/networks/alpha/care/offers',
        headers: { cookie: admin },
        payload: { kind: 'items', items: [{ name: 'Diaper packs', quantity: 40 }], contact: '+1 612 555 0142' },
      });
      if (offered.statusCode !== 201) throw new Error(`offer: ${offered.statusCode} ${offered.body}`);
      return { requestId: '', taskId: '', offerId: offered.json().id as string };
    }
    return taskIn(t, f, admin, { status: 'assigned', driverId: f.accounts.driver.id });
  }

  const bodyFor = (action: keyof typeof CARE_POLICY): object | undefined =>
    ({
      'request.file': requestBody(),
      'request.triage': { decision: 'accept' },
      'task.claim': { organizationId: f.orgA },
      'task.request_claim': { organizationId: f.orgA, reason: 'Our driver lives next door' },
      'task.transfer': { decision: 'approve' },
      'task.assign': { driverAccountId: f.accounts.driver.id },
      'task.progress': { status: 'picked_up' },
      'offer.file': { kind: 'storage', storage: { description: 'A dry garage, 10 boxes' }, contact: '+1 612 555 0142' },
      'offer.decide': { decision: 'accept' },
    })[action as string];

  it('allows and denies exactly as the table says, for every route and persona', async () => {
    const policyOf = (r: { config?: unknown }) =>
      (r.config as { policy?: { module: string; action: keyof typeof CARE_POLICY } } | undefined)?.policy;
    // Rides' actions have their own matrix (rides.authorization.api.test.ts).
    const routes = t.app.routeCatalog.filter(
      (r) => r.method !== 'HEAD' && policyOf(r)?.module === 'care' && policyOf(r)!.action in CARE_POLICY,
    );
    expect([...new Set(routes.map((r) => policyOf(r)!.action))].sort()).toEqual(Object.keys(CARE_POLICY).sort());

    const mismatches: string[] = [];
    for (const route of routes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as 'GET' | 'POST';
      const action = policyOf(route)!.action;
      for (const persona of PERSONAS) {
        const {
          requestId,
          taskId,
          claimRequestId = '',
          hubId = '',
          itemId = '',
          failedTaskId = '',
          offerId = '',
        } = (await target(action)) as {
          requestId: string;
          taskId: string;
          claimRequestId?: string;
          hubId?: string;
          itemId?: string;
          failedTaskId?: string;
          offerId?: string;
        };
        const url = route.url
          .replace(':slug', 'alpha')
          .replace(':requestId', requestId)
          .replace(':taskId', taskId)
          .replace(':claimRequestId', claimRequestId)
          .replace(':hubId', hubId)
          .replace(':itemId', itemId)
          .replace(':offerId', offerId);
        const body = hubBodyFor(route.url, method, { orgA: f.orgA, itemId, failedTaskId, hubId }) ?? bodyFor(action);
        const res = await t.app.inject({
          method,
          url,
          remoteAddress: nextSource(),
          headers: { cookie: cookies.get(persona)! },
          ...(body ? { payload: body } : {}),
        });
        const status = res.statusCode;
        const key = `${method} ${route.url}`;
        if (status === 400 || status === 401 || status === 409 || status >= 500)
          mismatches.push(`${key} as ${persona}: unexpected ${status} ${res.body}`);
        const expected = expectedAllowed(persona, CARE_POLICY[action], 'A');
        if ((status !== 403) !== expected)
          mismatches.push(`${key} as ${persona}: expected ${expected ? 'allow' : 'deny'}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
