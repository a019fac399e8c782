import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount } from '../identity/index.ts';
import { insertMembership } from '../networks/index.ts';
import { taskIn } from './care.test-support.ts';
import { CARE, caller, donate, makeHub, makeItem, pack } from './hubs.test-support.ts';

describe.each(DIALECTS)('care stock CSV on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let coordA: string;
  let coordB: string;
  let driverA: string;
  let coordSo: string;
  let call: ReturnType<typeof caller>;
  const importCsv = (cookie: string, hubId: string, csv: string) =>
    call(cookie, 'POST', `${CARE}/hubs/${hubId}/stock/import`, { csv });
  const exportCsv = (cookie: string, hubId: string) => call(cookie, 'GET', `${CARE}/hubs/${hubId}/stock.csv`);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t);
    [admin, coordA, coordB, driverA] = await Promise.all(
      (['admin', 'org_coordinator', 'coordinator_b', 'driver'] as const).map((p) => signIn(t.app, f.accounts[p].email)),
    );
    const email = 'coord-so@test.local';
    const id = await createAccount(t.deps, { email, password: TEST_PASSWORD, displayName: 'so', language: 'so' });
    await insertMembership(t.deps.database.db, {
      id: newId(),
      networkId: f.networkId,
      organizationId: f.orgA,
      accountId: id,
      roles: ['org_coordinator'],
      status: 'active',
      now: t.clock.now(),
    });
    coordSo = await signIn(t.app, email);
  });
  afterAll(() => t.close());

  it('refuses without a session (401), outside the organization (403), and an unreadable file (400)', async () => {
    const hubId = await makeHub(t, coordA, f.orgA);
    expect((await exportCsv('', hubId)).statusCode).toBe(401);
    expect((await importCsv('', hubId, 'item,on_hand\nRice,1\n')).statusCode).toBe(401);
    expect((await exportCsv(coordB, hubId)).statusCode).toBe(403);
    expect((await exportCsv(driverA, hubId)).statusCode).toBe(403);
    expect((await importCsv(coordB, hubId, 'item,on_hand\nRice,1\n')).statusCode).toBe(403);
    expect((await importCsv(admin, hubId, 'item,on_hand\nRice,1\n')).statusCode).toBe(403);
    for (const csv of ['name,count\nRice,1\n', 'item,on_hand\n"Rice,1\n']) {
      const res = await importCsv(coordA, hubId, csv);
      expect(res.statusCode, csv).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await call(coordA, 'POST', `${CARE}/hubs/${hubId}/stock/import`, { csv: '' })).statusCode).toBe(400);
  });

  it('checks every row first: row-numbered errors in the caller language, and nothing written on any error', async () => {
    const hubId = await makeHub(t, coordA, f.orgA);
    const rice = await makeItem(t, coordA, 'Rice 10 lb');
    await donate(t, coordA, hubId, rice, 6);
    const { taskId } = await taskIn(t, f, admin, { status: 'claimed' });
    expect((await pack(t, coordA, taskId, hubId, [{ itemId: rice, quantity: 4 }])).statusCode).toBe(201);
    const before = await exportCsv(coordA, hubId);
    const itemsBefore = (await call(coordA, 'GET', `${CARE}/items`)).json().items.length;
    const csv = [
      'Item,On hand,Unit,Pack size,Low threshold',
      'Formula,12,can,1,3', // good
      ',4,,,', // row 3: no item
      'Beans,-2,,,', // row 4: negative
      'Soap,many,bar,0,x', // row 5: on_hand, pack_size, low_threshold
      'Formula,1,,,', // row 6: listed above
      'Rice 10 lb,3,,,', // row 7: below the 4 packed
    ].join('\n');
    const res = await importCsv(coordSo, hubId, csv);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json().error;
    expect(body.code).toBe('validation_failed');
    expect(body.message).toBe(stringsFor('errors', 'so').validation_failed);
    const s = stringsFor('hubs', 'so').csv;
    expect(body.details.errors).toEqual([
      { row: 3, field: 'item', message: s.required },
      { row: 4, field: 'on_hand', message: s.count },
      { row: 5, field: 'pack_size', message: s.packSize },
      { row: 5, field: 'on_hand', message: s.count },
      { row: 5, field: 'low_threshold', message: s.count },
      { row: 6, field: 'item', message: s.duplicate },
      { row: 7, field: 'on_hand', message: s.belowReserved },
    ]);
    expect(s.belowReserved).not.toBe(stringsFor('hubs', 'en').csv.belowReserved);
    // Nothing written: the same export, no new item, no movement of the import.
    expect((await exportCsv(coordA, hubId)).body).toBe(before.body);
    expect((await call(coordA, 'GET', `${CARE}/items`)).json().items.length).toBe(itemsBefore);
    const counted = await t.deps.database.db
      .selectFrom('care_stock_movements')
      .select('id')
      .where('kind', '=', 'counted')
      .execute();
    expect(counted).toEqual([]);
  });

  it('lets concurrent imports add the same new item once, to every hub', async () => {
    const hubs = [await makeHub(t, coordA, f.orgA), await makeHub(t, coordA, f.orgA)];
    const results = await Promise.all(
      [...hubs, ...hubs].map((h, i) => importCsv(coordA, h, `item,on_hand,unit\nRed lentils,${i + 1},bag\n`)),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const items = (await call(coordA, 'GET', `${CARE}/items`))
      .json()
      .items.filter((i: { name: string }) => i.name === 'Red lentils');
    expect(items).toHaveLength(1);
  });

  it('imports all rows in one go (new items join the catalogue) and exports counts without any address', async () => {
    const hubId = await makeHub(t, coordA, f.orgA, { address: '5 Secret Export Street' });
    const rice = await makeItem(t, coordA, 'Rice 5 lb');
    await donate(t, coordA, hubId, rice, 10);
    const res = await importCsv(
      coordA,
      hubId,
      '\ufeffitem,on_hand,unit,pack_size,low_threshold\nRice 5 lb,8,,,\nInfant formula,3,can,6,4\n=cmd,2,,,\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toBe(3);
    const lines = new Map(res.json().hub.stock.map((l: { name: string }) => [l.name, l]));
    expect(lines.get('Rice 5 lb')).toMatchObject({ onHand: 8, low: false });
    expect(lines.get('Infant formula')).toMatchObject({ onHand: 3, unit: 'can', packSize: 6, lowThreshold: 4, low: true });
    expect(res.json().hub.low).toBe(true);
    const movements = (await call(coordA, 'GET', `${CARE}/hubs/${hubId}/movements`)).json().movements;
    expect(
      movements
        .filter((m: { kind: string }) => m.kind === 'counted')
        .map((m: { quantity: number }) => m.quantity)
        .sort(),
    ).toEqual([-2, 2, 3].sort());
    const out = await exportCsv(coordA, hubId);
    expect(out.statusCode).toBe(200);
    expect(out.headers['content-type']).toContain('text/csv');
    expect(out.body).not.toContain('Secret Export');
    const rows = parse(out.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.item, r.on_hand, r.low])).toEqual([
      ["'=cmd", '2', 'no'],
      ['Infant formula', '3', 'yes'],
      ['Rice 5 lb', '8', 'no'],
    ]);
    // The export reads back in: a round trip changes nothing.
    const again = await importCsv(coordA, hubId, out.body.replace("'=cmd", '=cmd'));
    expect(again.statusCode, again.body).toBe(200);
    expect((await exportCsv(coordA, hubId)).body).toBe(out.body);
  });
});
