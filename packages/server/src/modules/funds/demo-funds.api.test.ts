import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo-seed.ts';
import { sumOfLines } from './ledger.repository.ts';

/** The demo's ledger: a general fund, a donation in and a paid rent payment out, balanced. */
describe.each(DIALECTS)('funds demo data on %s', (dialect) => {
  let t: TestApp;
  let treasurer: string;
  const get = (url: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/networks/twin-cities/funds${url}`, headers: { cookie: treasurer } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.deps);
    treasurer = await signIn(t.app, 'treasurer@demo.switchboard.local', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  it('shows Tess Treasurer a general fund of $380.00 whose running balance equals its lines', async () => {
    const funds = (await get('')).json().funds;
    expect(funds).toEqual([
      expect.objectContaining({ name: 'General mutual aid', kind: 'general', currency: 'USD', balanceMinor: 38_000 }),
    ]);
    expect(await sumOfLines(t.deps.database.db, 'fund_id', funds[0].id)).toBe(38_000);
    const entries = (await get('/entries')).json().entries;
    expect(entries.map((e: { kind: string }) => e.kind).sort()).toEqual(['disbursement', 'donation']);
    for (const e of entries) expect(e.lines.reduce((s: number, l: { amountMinor: number }) => s + l.amountMinor, 0)).toBe(0);
    const [paid] = (await get('/disbursements')).json().disbursements;
    expect(paid).toMatchObject({
      status: 'paid',
      payeeType: 'landlord',
      amountMinor: 12_000,
      purpose: expect.stringContaining('rent'),
    });
    const csv = await get('/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain('Margarita');
  });
});
