import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { caller, FUNDS, fundWith } from './funds.test-support.ts';

/** The treasurer's CSV export and the monthly summary. */
describe.each(DIALECTS)('funds export and summary on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let treasurer: string;
  let responder: string;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t);
    admin = await signIn(t.app, f.accounts.admin.email);
    treasurer = await signIn(t.app, f.accounts.treasurer.email);
    responder = await signIn(t.app, f.accounts.responder.email);
  });
  afterAll(() => t.close());

  const request = (cookie: string, fundId: string, amountMinor: number, extra: object = {}) =>
    call(cookie, 'POST', `${FUNDS}/disbursements`, {
      fundId,
      amountMinor,
      payeeType: 'landlord',
      purpose: 'Rent, unit 5',
      ...extra,
    });
  const pay = (cookie: string, id: string) => call(cookie, 'POST', `${FUNDS}/disbursements/${id}/pay`, {});

  it('answers 401 signed out and 403 to members without the role', async () => {
    expect((await call(undefined, 'GET', `${FUNDS}/export.csv`)).statusCode).toBe(401);
    expect((await call(undefined, 'GET', `${FUNDS}/summary`)).statusCode).toBe(401);
    expect((await call(responder, 'GET', `${FUNDS}/summary`)).statusCode).toBe(403);
  });

  it('exports a streamed CSV without donors, purposes or cases, and sums months per fund', async () => {
    const fundId = await fundWith(t, treasurer, 0, 'Rent relief');
    await call(treasurer, 'POST', `${FUNDS}/donations`, {
      fundId,
      amountMinor: 9_000,
      sourceType: 'individual',
      date: '2026-10-31',
      donorReference: 'Khadra Secret-Donor',
    });
    await call(treasurer, 'POST', `${FUNDS}/donations`, { fundId, amountMinor: 1_000, sourceType: 'other', date: '2026-11-01' });
    await call(treasurer, 'POST', `${FUNDS}/${fundId}/allocations`, { caseRef: 'case-secret-ref', amountMinor: 500 });
    const d = (await request(treasurer, fundId, 700, { purpose: 'Bail for Ahmed Secret-Family' })).json();
    await pay(treasurer, d.id);
    expect((await call(responder, 'GET', `${FUNDS}/export.csv`)).statusCode).toBe(403);
    expect((await call(admin, 'GET', `${FUNDS}/export.csv`)).statusCode).toBe(403);
    const csv = await call(treasurer, 'GET', `${FUNDS}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['cache-control']).toBe('no-store');
    const rows = csv.body.trim().split('\n');
    expect(rows[0]).toBe(
      'entry_id,date,kind,account,fund_id,fund_name,currency,amount_minor,source_type,payee_type,restricted,reverses_entry_id,created_at',
    );
    // Lines on the fund: two donations, the allocation's two sides, the payment.
    expect(rows.filter((r) => r.includes(fundId))).toHaveLength(5);
    expect(rows.filter((r) => r.includes(',income,') || r.includes(',expense,')).length).toBeGreaterThanOrEqual(3);
    for (const secret of ['Secret-Donor', 'Secret-Family', 'case-secret-ref']) expect(csv.body).not.toContain(secret);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'funds.ledger.export')
      .execute();
    expect(audit.length).toBeGreaterThan(0);

    const summary = (await call(admin, 'GET', `${FUNDS}/summary`)).json();
    expect(summary.timeZone).toBe('America/Chicago');
    const mine = summary.months.filter((m: { fundId: string }) => m.fundId === fundId);
    expect(mine.find((m: { month: string }) => m.month === '2026-10')).toMatchObject({
      donationsMinor: 9_000,
      disbursementsMinor: 0,
    });
    // The fake clock's day in Chicago decides the month of entries booked without a date.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(t.clock.now()).slice(0, 7);
    const current = mine.find((m: { month: string }) => m.month === today);
    expect(current.disbursementsMinor).toBe(700);
  });
});
