import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import { caller, extraTreasurer, FUNDS, fundWith } from './funds.test-support.ts';
import { sumOfLines } from './ledger.repository.ts';

/**
 * Model-based: any sequence of donations, disbursements (request, approve, decline, pay),
 * reversals and transfers, by any of three treasurers, answers what a plain model of the
 * ledger predicts; after every step each fund's running balance equals the sum of its lines
 * and the model's balance, no fund is below zero (overdraft off), and no paid disbursement
 * above the threshold had one person in two of its roles.
 */
const THRESHOLD = 25_000;
const RUNS = Number(process.env.FUNDS_PROPERTY_RUNS ?? 0);

interface ModelDisbursement {
  id: string;
  fund: number;
  amount: number;
  needsApproval: boolean;
  status: string;
  requester: number;
  approver?: number;
}
interface ModelEntry {
  id: string;
  reversal: boolean;
  reversed: boolean;
  deltas: number[];
}
interface Model {
  balances: number[];
  disbursements: ModelDisbursement[];
  entries: ModelEntry[];
}
/** The `pick`-th item from the end (wrapping). */
const recent = <T>(list: T[], pick: number): T => list[list.length - 1 - (pick % list.length)];

interface Real {
  fundIds: string[];
}

describe.each(DIALECTS)('funds ledger model on %s', (dialect) => {
  let t: TestApp;
  let people: string[];
  let call: ReturnType<typeof caller>;
  let accountIds: string[];
  let steps = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { REQUEST_LIMIT_PER_MINUTE: '1000000' } });
    const f = await seedFixture(t.deps);
    call = caller(t);
    const a = { id: f.accounts.treasurer.id, cookie: await signIn(t.app, f.accounts.treasurer.email) };
    const b = await extraTreasurer(t, f, 'prop-b');
    const c = await extraTreasurer(t, f, 'prop-c');
    people = [a.cookie, b.cookie, c.cookie];
    accountIds = [a.id, b.id, c.id];
  });
  afterAll(() => t.close());

  const code = (res: { statusCode: number; json(): { error?: { code: string } } }) =>
    res.statusCode < 300 ? res.statusCode : `${res.statusCode} ${res.json().error?.code}`;

  async function invariants(m: Model, r: Real) {
    const db = t.deps.database.db;
    const funds = (await call(people[0], 'GET', FUNDS)).json().funds as { id: string; balanceMinor: number }[];
    for (const [i, id] of r.fundIds.entries()) {
      const balance = funds.find((x) => x.id === id)!.balanceMinor;
      expect(balance).toBe(m.balances[i]);
      expect(await sumOfLines(db, 'fund_id', id)).toBe(balance);
      expect(balance).toBeGreaterThanOrEqual(0);
    }
    const paid = await db
      .selectFrom('fund_disbursements')
      .select(['requested_by', 'approved_by', 'paid_by'])
      .where('fund_id', 'in', r.fundIds)
      .where('status', '=', 'paid')
      .where('needs_approval', '=', 1)
      .execute();
    for (const p of paid) expect(new Set([p.requested_by, p.approved_by, p.paid_by]).size).toBe(3);
  }

  const cmd = (check: (m: Readonly<Model>) => boolean, run: (m: Model, r: Real) => Promise<void>, name: string) => ({
    check,
    async run(m: Model, r: Real) {
      steps++;
      await run(m, r);
      await invariants(m, r);
    },
    toString: () => name,
  });

  const donate = (fund: number, amount: number) =>
    cmd(
      () => true,
      async (m, r) => {
        const res = await call(people[0], 'POST', `${FUNDS}/donations`, {
          fundId: r.fundIds[fund],
          amountMinor: amount,
          sourceType: 'individual',
        });
        expect(code(res)).toBe(201);
        m.balances[fund] += amount;
        m.entries.push({
          id: res.json().id,
          reversal: false,
          reversed: false,
          deltas: m.balances.map((_, i) => (i === fund ? amount : 0)),
        });
      },
      `donate(${fund}, ${amount})`,
    );
  const request = (fund: number, amount: number, who: number) =>
    cmd(
      () => true,
      async (m, r) => {
        const res = await call(people[who], 'POST', `${FUNDS}/disbursements`, {
          fundId: r.fundIds[fund],
          amountMinor: amount,
          payeeType: 'family',
          purpose: 'model',
        });
        expect(code(res)).toBe(201);
        expect(res.json().needsApproval).toBe(amount > THRESHOLD);
        m.disbursements.push({
          id: res.json().id,
          fund,
          amount,
          needsApproval: amount > THRESHOLD,
          status: 'requested',
          requester: who,
        });
      },
      `request(${fund}, ${amount}, by ${who})`,
    );
  const decide = (pick: number, who: number, decision: 'approve' | 'decline') =>
    cmd(
      (m) => m.disbursements.length > 0,
      async (m) => {
        const d = recent(m.disbursements, pick);
        const res = await call(people[who], 'POST', `${FUNDS}/disbursements/${d.id}/decision`, { decision });
        let expected: number | string;
        if (decision === 'approve') {
          if (d.status !== 'requested' || !d.needsApproval) expected = '409 disbursement_state';
          else if (d.requester === who) expected = '403 two_person_rule';
          else expected = 200;
        } else expected = d.status === 'requested' || d.status === 'approved' ? 200 : '409 disbursement_state';
        expect(code(res)).toBe(expected);
        if (expected === 200) {
          d.status = decision === 'approve' ? 'approved' : 'declined';
          if (decision === 'approve') d.approver = who;
        }
      },
      `${decision}(#${pick}, by ${who})`,
    );
  const pay = (pick: number, who: number) =>
    cmd(
      (m) => m.disbursements.length > 0,
      async (m) => {
        const d = recent(m.disbursements, pick);
        const res = await call(people[who], 'POST', `${FUNDS}/disbursements/${d.id}/pay`, {});
        const payable = d.needsApproval ? d.status === 'approved' : d.status === 'requested' || d.status === 'approved';
        let expected: number | string;
        if (!payable) expected = '409 disbursement_state';
        else if (d.needsApproval && (who === d.requester || who === d.approver)) expected = '403 two_person_rule';
        else if (m.balances[d.fund] < d.amount) expected = '409 insufficient_funds';
        else expected = 200;
        expect(code(res)).toBe(expected);
        if (expected === 200) {
          d.status = 'paid';
          m.balances[d.fund] -= d.amount;
          m.entries.push({
            id: res.json().entryId,
            reversal: false,
            reversed: false,
            deltas: m.balances.map((_, i) => (i === d.fund ? -d.amount : 0)),
          });
        }
      },
      `pay(#${pick}, by ${who})`,
    );
  const reverse = (pick: number) =>
    cmd(
      (m) => m.entries.length > 0,
      async (m) => {
        const e = recent(m.entries, pick);
        const res = await call(people[0], 'POST', `${FUNDS}/entries/${e.id}/reverse`);
        let expected: number | string;
        if (e.reversal || e.reversed) expected = '409 entry_reversed';
        else if (e.deltas.some((d, i) => m.balances[i] - d < 0)) expected = '409 insufficient_funds';
        else expected = 201;
        expect(code(res)).toBe(expected);
        if (expected === 201) {
          e.reversed = true;
          m.balances = m.balances.map((b, i) => b - e.deltas[i]);
          m.entries.push({ id: res.json().id, reversal: true, reversed: false, deltas: e.deltas.map((d) => -d) });
        }
      },
      `reverse(#${pick})`,
    );
  const transfer = (from: number, amount: number) =>
    cmd(
      () => true,
      async (m, r) => {
        const to = 1 - from;
        const res = await call(people[1], 'POST', `${FUNDS}/transfers`, {
          fromFundId: r.fundIds[from],
          toFundId: r.fundIds[to],
          amountMinor: amount,
        });
        const expected = m.balances[from] < amount ? '409 insufficient_funds' : 201;
        expect(code(res)).toBe(expected);
        if (expected === 201) {
          m.balances[from] -= amount;
          m.balances[to] += amount;
          m.entries.push({
            id: res.json().id,
            reversal: false,
            reversed: false,
            deltas: [from === 0 ? -amount : amount, from === 0 ? amount : -amount],
          });
        }
      },
      `transfer(${from}→${1 - from}, ${amount})`,
    );

  // Around the threshold and the balances: small payments, ones needing approval, and exact edges.
  const amount = fc.oneof(fc.integer({ min: 1, max: 40_000 }), fc.constantFrom(THRESHOLD, THRESHOLD + 1, 1));
  const fund = fc.integer({ min: 0, max: 1 });
  const who = fc.integer({ min: 0, max: 2 });
  // Mostly the latest few: a request, its approval and its payment then meet in short sequences.
  const pick = fc.oneof({ weight: 4, arbitrary: fc.nat(2) }, { weight: 1, arbitrary: fc.nat(40) });
  const commands = fc.commands(
    [
      fc.tuple(fund, amount).map(([a, b]) => donate(a, b)),
      fc.tuple(fund, amount, who).map(([a, b, c]) => request(a, b, c)),
      fc.tuple(pick, who).map(([a, b]) => decide(a, b, 'approve')),
      fc.tuple(pick, who).map(([a, b]) => decide(a, b, 'decline')),
      fc.tuple(pick, who).map(([a, b]) => pay(a, b)),
      pick.map((a) => reverse(a)),
      fc.tuple(fund, amount).map(([a, b]) => transfer(a, b)),
    ],
    { maxCommands: 40, size: 'max' },
  );

  it('keeps balances, entries and the two-person rule whatever the sequence', async () => {
    expect(t.deps.database.db).toBeDefined();
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const fundIds = [await fundWith(t, people[0], 0), await fundWith(t, people[0], 0)];
        await fc.asyncModelRun(
          () => ({ model: { balances: [0, 0], disbursements: [], entries: [] } as Model, real: { fundIds } }),
          cmds,
        );
      }),
      { numRuns: RUNS || (dialect === 'sqlite' ? 100 : 25) },
    );
    expect(accountIds).toHaveLength(3);
    // The runs did run: many steps, not a vacuous pass.
    expect(steps).toBeGreaterThan(RUNS || 50);
    console.log(`funds model on ${dialect}: ${steps} steps`);
  }, 240_000);
});
