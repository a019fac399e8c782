import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { caller, extraTreasurer, FUNDS, fundWith } from './funds.test-support.ts';
import { sumOfLines } from './ledger.repository.ts';

describe.each(DIALECTS)('funds ledger on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let treasurer: string;
  let second: { id: string; cookie: string };
  let third: { id: string; cookie: string };
  let caseWorker: string;
  let responder: string;
  let outsider: string;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t);
    admin = await signIn(t.app, f.accounts.admin.email);
    treasurer = await signIn(t.app, f.accounts.treasurer.email);
    caseWorker = await signIn(t.app, f.accounts.case_worker.email);
    responder = await signIn(t.app, f.accounts.responder.email);
    outsider = await signIn(t.app, f.accounts.outsider.email);
    second = await extraTreasurer(t, f, 'treasurer2');
    third = await extraTreasurer(t, f, 'treasurer3');
  });
  afterAll(() => t.close());

  const balanceOf = async (fundId: string) =>
    ((await call(treasurer, 'GET', FUNDS)).json().funds as { id: string; balanceMinor: number }[]).find((x) => x.id === fundId)!
      .balanceMinor;
  const request = (cookie: string, fundId: string, amountMinor: number, extra: object = {}) =>
    call(cookie, 'POST', `${FUNDS}/disbursements`, {
      fundId,
      amountMinor,
      payeeType: 'landlord',
      purpose: 'Rent, unit 5',
      ...extra,
    });
  const decide = (cookie: string, id: string, decision: string) =>
    call(cookie, 'POST', `${FUNDS}/disbursements/${id}/decision`, { decision });
  const pay = (cookie: string, id: string) => call(cookie, 'POST', `${FUNDS}/disbursements/${id}/pay`, {});

  it('answers 401 without a session, 403 to members without the role and outsiders, 400 on bad input', async () => {
    expect((await call(undefined, 'GET', FUNDS)).statusCode).toBe(401);
    const valid = { fundId: crypto.randomUUID(), amountMinor: 100, sourceType: 'individual' };
    expect((await call(undefined, 'POST', `${FUNDS}/donations`, valid)).statusCode).toBe(401);
    expect((await call(responder, 'GET', FUNDS)).statusCode).toBe(403);
    expect((await call(outsider, 'GET', FUNDS)).statusCode).toBe(403);
    expect((await call(caseWorker, 'POST', `${FUNDS}/donations`, valid)).statusCode).toBe(403);
    // Network admins read the books but move no money.
    expect((await call(admin, 'GET', FUNDS)).statusCode).toBe(200);
    const fundId = await fundWith(t, treasurer, 0);
    const base = { fundId, sourceType: 'individual' };
    for (const amountMinor of [12.5, 0, -100, '100', 1e12]) {
      const res = await call(treasurer, 'POST', `${FUNDS}/donations`, { ...base, amountMinor });
      expect(res.statusCode, String(amountMinor)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const other = await call(treasurer, 'POST', `${FUNDS}/donations`, { ...base, fundId: crypto.randomUUID(), amountMinor: 100 });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.fields).toEqual(['fundId']);
    expect(
      (await call(treasurer, 'POST', `${FUNDS}/donations`, { ...base, amountMinor: 100, sourceType: 'cash' })).statusCode,
    ).toBe(400);
    expect((await call(treasurer, 'POST', FUNDS, { name: '', kind: 'general' })).statusCode).toBe(400);
    expect((await call(treasurer, 'POST', `${FUNDS}/entries/${crypto.randomUUID()}/reverse`)).statusCode).toBe(404);
  });

  it('answers bad input to every funds write as a treasurer with a stable 4xx code, never a 500', async () => {
    const fundId = await fundWith(t, treasurer, 100);
    const d = (await request(treasurer, fundId, 10)).json().id;
    const writes = [
      FUNDS,
      `${FUNDS}/${fundId}/allocations`,
      `${FUNDS}/donations`,
      `${FUNDS}/transfers`,
      `${FUNDS}/disbursements`,
    ];
    writes.push(`${FUNDS}/disbursements/${d}/decision`, `${FUNDS}/disbursements/${d}/pay`, `${FUNDS}/entries/not-an-id/reverse`);
    const bodies = [
      [],
      { amountMinor: '12.50' },
      { fundId: 'x', amountMinor: 1e30 },
      { date: '2026-13-45' },
      { decision: 'pay' },
    ];
    for (const url of writes)
      for (const body of bodies) {
        const res = await call(treasurer, 'POST', url, body as object);
        expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(500);
        expect(typeof res.json().error.code).toBe('string');
      }
  });

  it('books a donation as a balanced entry and keeps the donor out of every answer', async () => {
    const fundId = await fundWith(t, treasurer, 0);
    const res = await call(treasurer, 'POST', `${FUNDS}/donations`, {
      fundId,
      amountMinor: 123_45,
      sourceType: 'event',
      date: '2026-11-30',
      restricted: true,
      donorReference: 'Fatima Warsame, +1 612 555 0100',
    });
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    expect(entry).toMatchObject({ kind: 'donation', date: '2026-11-30', sourceType: 'event', restricted: true });
    expect(entry.lines.reduce((s: number, l: { amountMinor: number }) => s + l.amountMinor, 0)).toBe(0);
    expect(await balanceOf(fundId)).toBe(123_45);
    const list = await call(treasurer, 'GET', `${FUNDS}/entries?fundId=${fundId}`);
    expect(list.json().entries).toHaveLength(1);
    expect(list.body).not.toContain('Fatima');
    const stored = await t.deps.database.db
      .selectFrom('fund_entries')
      .select('donor_ref_enc')
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow();
    expect(stored.donor_ref_enc).not.toContain('Fatima');
    expect(t.deps.keyring.decrypt('person', stored.donor_ref_enc!)).toContain('Fatima');
  });

  it('pays a small disbursement with one treasurer and refuses one larger than the balance', async () => {
    const fundId = await fundWith(t, treasurer, 10_000);
    const small = await request(caseWorker, fundId, 6_000, { payeeType: 'utility' });
    expect(small.statusCode).toBe(201);
    expect(small.json()).toMatchObject({ status: 'requested', needsApproval: false, purpose: 'Rent, unit 5' });
    expect((await pay(treasurer, small.json().id)).json()).toMatchObject({ status: 'paid' });
    expect(await balanceOf(fundId)).toBe(4_000);
    const big = await request(treasurer, fundId, 5_000);
    const refused = await pay(treasurer, big.json().id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('insufficient_funds');
    expect(refused.json().error.message).toMatch(/not have enough money/);
    // Refused as a whole: still requested, balance untouched, no entry.
    const after = (await call(treasurer, 'GET', `${FUNDS}/disbursements`))
      .json()
      .disbursements.find((d: { id: string }) => d.id === big.json().id);
    expect(after.status).toBe('requested');
    const listed = await t.deps.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'funds.disbursement.list')
      .execute();
    expect(listed.map((a) => a.actor_id)).toContain(f.accounts.treasurer.id);
    expect(await balanceOf(fundId)).toBe(4_000);
    expect(await sumOfLines(t.deps.database.db, 'fund_id', fundId)).toBe(4_000);
  });

  it('keeps the two-person rule above the threshold: requester, approver and payer all differ', async () => {
    const fundId = await fundWith(t, treasurer, 100_000);
    const d = (await request(treasurer, fundId, 30_000)).json();
    expect(d.needsApproval).toBe(true);
    // Not payable before approval, even by someone else.
    expect((await pay(second.cookie, d.id)).json().error.code).toBe('disbursement_state');
    const self = await decide(treasurer, d.id, 'approve');
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('two_person_rule');
    expect((await decide(second.cookie, d.id, 'approve')).json()).toMatchObject({ status: 'approved', approvedBy: second.id });
    expect((await pay(treasurer, d.id)).json().error.code).toBe('two_person_rule');
    expect((await pay(second.cookie, d.id)).json().error.code).toBe('two_person_rule');
    expect(await balanceOf(fundId)).toBe(100_000);
    expect((await pay(third.cookie, d.id)).json()).toMatchObject({ status: 'paid', paidBy: third.id });
    expect(await balanceOf(fundId)).toBe(70_000);
    // Paid is final: no second payment, no decline.
    expect((await pay(third.cookie, d.id)).json().error.code).toBe('disbursement_state');
    expect((await decide(second.cookie, d.id, 'decline')).json().error.code).toBe('disbursement_state');
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', d.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'funds.disbursement.request',
      'funds.disbursement.approve',
      'funds.disbursement.pay',
    ]);
    expect(new Set(audit.map((a) => a.actor_id)).size).toBe(3);
  });

  it('declines and cancels; a declined payment is never paid', async () => {
    const fundId = await fundWith(t, treasurer, 1_000);
    const a = (await request(caseWorker, fundId, 100)).json();
    expect((await decide(treasurer, a.id, 'decline')).json().status).toBe('declined');
    expect((await pay(treasurer, a.id)).json().error.code).toBe('disbursement_state');
    const b = (await request(caseWorker, fundId, 100)).json();
    expect((await decide(treasurer, b.id, 'cancel')).json().status).toBe('cancelled');
    expect(await balanceOf(fundId)).toBe(1_000);
  });

  it('corrects by a reversing entry, once; the original stays', async () => {
    const fundId = await fundWith(t, treasurer, 0);
    const e = (await call(treasurer, 'POST', `${FUNDS}/donations`, { fundId, amountMinor: 2_500, sourceType: 'grant' })).json();
    const rev = await call(treasurer, 'POST', `${FUNDS}/entries/${e.id}/reverse`);
    expect(rev.statusCode).toBe(201);
    expect(rev.json()).toMatchObject({ kind: 'reversal', reversesEntryId: e.id });
    expect(await balanceOf(fundId)).toBe(0);
    expect((await call(treasurer, 'POST', `${FUNDS}/entries/${e.id}/reverse`)).json().error.code).toBe('entry_reversed');
    expect((await call(treasurer, 'POST', `${FUNDS}/entries/${rev.json().id}/reverse`)).json().error.code).toBe('entry_reversed');
    expect((await call(treasurer, 'GET', `${FUNDS}/entries?fundId=${fundId}`)).json().entries).toHaveLength(2);
    // Reversing a donation already spent would take the fund below zero.
    const spent = (await call(treasurer, 'POST', `${FUNDS}/donations`, { fundId, amountMinor: 500, sourceType: 'grant' })).json();
    const d = (await request(treasurer, fundId, 400)).json();
    await pay(treasurer, d.id);
    expect((await call(treasurer, 'POST', `${FUNDS}/entries/${spent.id}/reverse`)).json().error.code).toBe('insufficient_funds');
  });

  it('transfers between funds of one currency and allocates to a case, never below zero', async () => {
    const a = await fundWith(t, treasurer, 5_000);
    const b = await fundWith(t, treasurer, 0);
    const tr = await call(treasurer, 'POST', `${FUNDS}/transfers`, { fromFundId: a, toFundId: b, amountMinor: 2_000 });
    expect(tr.statusCode).toBe(201);
    expect([await balanceOf(a), await balanceOf(b)]).toEqual([3_000, 2_000]);
    expect(
      (await call(treasurer, 'POST', `${FUNDS}/transfers`, { fromFundId: b, toFundId: a, amountMinor: 2_001 })).json().error.code,
    ).toBe('insufficient_funds');
    const euro = (await call(treasurer, 'POST', FUNDS, { name: 'Euro', kind: 'bond', currency: 'EUR' })).json().id;
    expect(
      (await call(treasurer, 'POST', `${FUNDS}/transfers`, { fromFundId: a, toFundId: euro, amountMinor: 1 })).json().error.code,
    ).toBe('currency_mismatch');
    const alloc = await call(treasurer, 'POST', `${FUNDS}/${a}/allocations`, { caseRef: 'case-7f3a', amountMinor: 1_000 });
    expect(alloc.statusCode).toBe(201);
    expect(alloc.json().balanceMinor).toBe(1_000);
    expect(
      (await call(treasurer, 'POST', `${FUNDS}/${a}/allocations`, { caseRef: 'case-8', amountMinor: 2_001 })).json().error.code,
    ).toBe('insufficient_funds');
    expect(await balanceOf(a)).toBe(3_000);
    const fromAlloc = (await request(caseWorker, a, 1_200, { allocationId: alloc.json().id })).json();
    expect((await pay(treasurer, fromAlloc.id)).json().error.code).toBe('insufficient_funds');
    const ok = (await request(caseWorker, a, 800, { allocationId: alloc.json().id, payeeType: 'commissary' })).json();
    expect((await pay(treasurer, ok.id)).statusCode).toBe(200);
    const allocs = (await call(treasurer, 'GET', `${FUNDS}/${a}/allocations`)).json().allocations;
    expect(allocs[0].balanceMinor).toBe(200);
    expect(await balanceOf(a)).toBe(2_200);
    expect(await sumOfLines(t.deps.database.db, 'allocation_id', alloc.json().id)).toBe(200);
  });

  it('allows overdraft only when the network turns it on, and validates both settings', async () => {
    const settings = (body: object) => call(admin, 'PATCH', '/api/v1/networks/alpha/settings', body);
    expect((await settings({ fundsApprovalThresholdMinor: 10.5 })).statusCode).toBe(400);
    expect((await settings({ fundsAllowOverdraft: 'yes' })).statusCode).toBe(400);
    expect((await settings({ fundsAllowOverdraft: true })).json().settings.fundsAllowOverdraft).toBe(true);
    const fundId = await fundWith(t, treasurer, 100);
    const d = (await request(treasurer, fundId, 300)).json();
    expect((await pay(treasurer, d.id)).statusCode).toBe(200);
    expect(await balanceOf(fundId)).toBe(-200);
    expect((await settings({ fundsAllowOverdraft: false, fundsApprovalThresholdMinor: 50 })).statusCode).toBe(200);
    expect((await request(treasurer, fundId, 51)).json().needsApproval).toBe(true);
    expect((await request(treasurer, fundId, 50)).json().needsApproval).toBe(false);
    expect((await settings({ fundsApprovalThresholdMinor: 25_000 })).statusCode).toBe(200);
  });

  it("answers in the caller's language", async () => {
    const fundId = await fundWith(t, treasurer, 0);
    const d = (await request(treasurer, fundId, 10)).json();
    await call(treasurer, 'PATCH', '/api/v1/me', { language: 'so' });
    const res = await pay(treasurer, d.id);
    expect(res.json().error.code).toBe('insufficient_funds');
    expect(res.json().error.message).toMatch(/lacag ku filan/);
    await call(treasurer, 'PATCH', '/api/v1/me', { language: 'en' });
  });
});
