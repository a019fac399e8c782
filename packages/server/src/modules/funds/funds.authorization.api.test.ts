import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedAllowed, PERSONAS } from '../../../test/harness/authorization-matrix.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type Persona, type TestApp } from '../../../test/harness/test-app.ts';
import { caller, extraTreasurer, FUNDS, fundWith } from './funds.test-support.ts';
import { FUNDS_POLICY } from './index.ts';

type Action = keyof typeof FUNDS_POLICY;

/**
 * Generated from the funds policy table: every route naming a funds action, as every persona,
 * on a fresh fund (with money) and a fresh disbursement requested by a second treasurer (so the
 * two-person rule never stands in the way of an allowed persona); 403 exactly where the table says no.
 */
describe.each(DIALECTS)('funds authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let call: ReturnType<typeof caller>;
  let requester: { id: string; cookie: string };
  const cookies = new Map<Persona, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { REQUEST_LIMIT_PER_MINUTE: '1000000' } });
    f = await seedFixture(t.deps);
    call = caller(t);
    for (const p of PERSONAS) cookies.set(p, await signIn(t.app, f.accounts[p].email));
    requester = await extraTreasurer(t, f, 'requester');
  });
  afterAll(() => t.close());

  async function target(action: Action) {
    const fundId = await fundWith(t, requester.cookie, 10_000);
    const d = await call(requester.cookie, 'POST', `${FUNDS}/disbursements`, {
      fundId,
      amountMinor: action === 'disbursement.decide' ? 30_000 : 100,
      payeeType: 'utility',
      purpose: 'Heating bill',
    });
    const entries = (await call(requester.cookie, 'GET', `${FUNDS}/entries?fundId=${fundId}`)).json().entries;
    return { fundId, disbursementId: d.json().id as string, entryId: entries[0].id as string };
  }

  const bodyFor = (action: Action, fundId: string): object | undefined =>
    ({
      'fund.create': { name: 'Bond fund', kind: 'bond' },
      'allocation.create': { caseRef: 'case-1', amountMinor: 100 },
      'donation.record': { fundId, amountMinor: 100, sourceType: 'individual' },
      'transfer.record': { fromFundId: fundId, toFundId: fundId, amountMinor: 1 },
      'disbursement.request': { fundId, amountMinor: 100, payeeType: 'family', purpose: 'Diapers' },
      'disbursement.decide': { decision: 'approve' },
      'disbursement.pay': {},
    })[action as string];

  it('allows and denies exactly as the table says, for every route and persona', async () => {
    const policyOf = (r: { config?: unknown }) =>
      (r.config as { policy?: { module: string; action: Action } } | undefined)?.policy;
    const routes = t.app.routeCatalog.filter((r) => r.method !== 'HEAD' && policyOf(r)?.module === 'funds');
    expect([...new Set(routes.map((r) => policyOf(r)!.action))].sort()).toEqual(Object.keys(FUNDS_POLICY).sort());

    const mismatches: string[] = [];
    for (const route of routes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as 'GET' | 'POST';
      const action = policyOf(route)!.action;
      for (const persona of PERSONAS) {
        const { fundId, disbursementId, entryId } = await target(action);
        let body = bodyFor(action, fundId);
        // A transfer needs a second fund of the same network.
        if (action === 'transfer.record') body = { ...body, toFundId: await fundWith(t, requester.cookie, 0) };
        const url = route.url
          .replace(':slug', 'alpha')
          .replace(':fundId', fundId)
          .replace(':disbursementId', disbursementId)
          .replace(':entryId', entryId);
        const res = await call(cookies.get(persona)!, method, url, body);
        const status = res.statusCode;
        const key = `${method} ${route.url}`;
        if (status === 400 || status === 401 || status === 409 || status >= 500)
          mismatches.push(`${key} as ${persona}: unexpected ${status} ${res.body}`);
        const expected = expectedAllowed(persona, FUNDS_POLICY[action], 'A');
        if ((status !== 403) !== expected)
          mismatches.push(`${key} as ${persona}: expected ${expected ? 'allow' : 'deny'}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
