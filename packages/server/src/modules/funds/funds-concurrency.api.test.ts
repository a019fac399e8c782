import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { caller, FUNDS, fundWith } from './funds.test-support.ts';
import { sumOfLines } from './ledger.repository.ts';

/**
 * Payments at once from one fund never overspend: the balance moves by a conditional UPDATE in
 * the payment's own transaction, so on PostgreSQL the row lock makes each wait for the one
 * before and re-check the balance it left.
 */
describe.each(DIALECTS)('concurrent disbursements on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let treasurer: string;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t);
    treasurer = await signIn(t.app, f.accounts.treasurer.email);
  });
  afterAll(() => t.close());

  it('20 payments of 100 at once against 1000: exactly 10 paid, 10 refused, balance 0', async () => {
    const fundId = await fundWith(t, treasurer, 1_000);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const d = await call(treasurer, 'POST', `${FUNDS}/disbursements`, {
        fundId,
        amountMinor: 100,
        payeeType: 'family',
        purpose: `Groceries ${i}`,
      });
      ids.push(d.json().id);
    }
    const results = await Promise.all(ids.map((id) => call(treasurer, 'POST', `${FUNDS}/disbursements/${id}/pay`, {})));
    const codes = results.map((r) => (r.statusCode === 200 ? 'paid' : r.json().error.code));
    expect(codes.filter((c) => c === 'paid')).toHaveLength(10);
    expect(codes.filter((c) => c === 'insufficient_funds')).toHaveLength(10);
    const fund = (await call(treasurer, 'GET', FUNDS)).json().funds.find((x: { id: string }) => x.id === fundId);
    expect(fund.balanceMinor).toBe(0);
    expect(await sumOfLines(t.deps.database.db, 'fund_id', fundId)).toBe(0);
    const paid = await t.deps.database.db
      .selectFrom('fund_disbursements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('fund_id', '=', fundId)
      .where('status', '=', 'paid')
      .executeTakeFirstOrThrow();
    expect(Number(paid.n)).toBe(10);
  });

  it('two reversals of one entry at once: one lands', async () => {
    const fundId = await fundWith(t, treasurer, 0);
    const e = (await call(treasurer, 'POST', `${FUNDS}/donations`, { fundId, amountMinor: 700, sourceType: 'event' })).json();
    const both = await Promise.all([0, 1].map(() => call(treasurer, 'POST', `${FUNDS}/entries/${e.id}/reverse`)));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const fund = (await call(treasurer, 'GET', FUNDS)).json().funds.find((x: { id: string }) => x.id === fundId);
    expect(fund.balanceMinor).toBe(0);
  });
});
