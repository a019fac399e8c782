import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, signIn, type TestApp } from '../../../test/harness/test-app.ts';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../../demo/demo-seed.ts';
import { hubsDemoSensitive } from './hubs-demo-seed.ts';

/** The demo's hubs: what `npm run demo` shows, and what Pa Driver may read on the church's delivery. */
describe.each(DIALECTS)('care hubs demo data on %s', (dialect) => {
  let t: TestApp;
  const base = `/api/v1/networks/${DEMO_SLUG}/care/hubs`;
  const as = (email: string) => signIn(t.app, `${email}@demo.switchboard.local`, DEMO_PASSWORD);
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.deps);
  });
  afterAll(() => t.close());

  it('has two hubs with stock and low flags, addresses sealed, the church hub readable by the driver of its packed task', async () => {
    const driver = await as('driver');
    const list = await t.app.inject({ method: 'GET', url: base, headers: { cookie: driver } });
    expect(list.statusCode, list.body).toBe(200);
    const hubs = list.json().hubs as {
      id: string;
      name: string;
      low: boolean;
      stock: { name: string; reserved: number; low: boolean }[];
    }[];
    expect(hubs.map((h) => [h.name, h.low])).toEqual([
      ["St. Stephen's basement pantry", true],
      ['Union hall storeroom', true],
    ]);
    expect(hubs[0].stock.find((l) => l.name === 'Rice, 10 lb bag')).toMatchObject({ reserved: 1, low: false });
    expect(list.json().totals.find((x: { name: string }) => x.name === 'Rice, 10 lb bag')).toMatchObject({
      onHand: 32,
      available: 31,
    });
    const [church, union] = hubs;
    const read = (cookie: string, id: string) =>
      t.app.inject({ method: 'GET', url: `${base}/${id}/address`, headers: { cookie } });
    expect((await read(driver, church.id)).json()).toEqual({ address: hubsDemoSensitive().texts[0].value });
    expect((await read(driver, union.id)).statusCode).toBe(403);
    expect((await read(await as('union-coordinator'), union.id)).statusCode).toBe(200);
    const rows = await t.deps.database.db.selectFrom('care_hubs').selectAll().execute();
    for (const { value } of hubsDemoSensitive().texts) expect(JSON.stringify(rows)).not.toContain(value);
  });
});
