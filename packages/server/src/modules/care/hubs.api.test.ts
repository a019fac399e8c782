import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount } from '../identity/index.ts';
import { insertMembership } from '../networks/index.ts';
import { taskIn } from './care.test-support.ts';
import { CARE, caller, donate, hubBody, makeHub, makeItem, pack } from './hubs.test-support.ts';

describe.each(DIALECTS)('care hubs and stock on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let coordA: string;
  let coordB: string;
  let driverA: string;
  let responder: string;
  let outsider: string;
  let coordHmn: string;
  let call: ReturnType<typeof caller>;

  /** A member of an organization with roles and a language of their own. */
  async function member(orgId: string, key: string, roles: ('driver' | 'org_coordinator')[], language: string) {
    const email = `${key}@test.local`;
    const id = await createAccount(t.deps, { email, password: TEST_PASSWORD, displayName: key, language });
    await insertMembership(t.deps.database.db, {
      id: newId(),
      networkId: f.networkId,
      organizationId: orgId,
      accountId: id,
      roles,
      status: 'active',
      now: t.clock.now(),
    });
    return { id, cookie: await signIn(t.app, email) };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t);
    [admin, coordA, coordB, driverA, responder, outsider] = await Promise.all(
      (['admin', 'org_coordinator', 'coordinator_b', 'driver', 'responder', 'outsider'] as const).map((p) =>
        signIn(t.app, f.accounts[p].email),
      ),
    );
    coordHmn = (await member(f.orgA, 'coord-hmn', ['org_coordinator'], 'hmn')).cookie;
  });
  afterAll(() => t.close());

  it('refuses without a session (401), outside the role or organization (403), and bad input (400) with stable codes', async () => {
    expect((await call(undefined, 'GET', `${CARE}/hubs`)).statusCode).toBe(401);
    expect((await call(undefined, 'POST', `${CARE}/hubs`, hubBody(f.orgA))).statusCode).toBe(401);
    expect((await call(responder, 'GET', `${CARE}/hubs`)).statusCode).toBe(403);
    expect((await call(outsider, 'GET', `${CARE}/hubs`)).statusCode).toBe(403);
    const foreign = await call(coordB, 'POST', `${CARE}/hubs`, hubBody(f.orgA));
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('forbidden');
    // A network admin is no coordinator of the organization.
    expect((await call(admin, 'POST', `${CARE}/hubs`, hubBody(f.orgA))).statusCode).toBe(403);
    for (const bad of [
      hubBody(f.orgA, { name: '' }),
      hubBody(f.orgA, { address: 'x' }),
      hubBody(f.orgA, { hours: [{ day: 'tue', opens: '19:00', closes: '16:00' }] }),
      hubBody(f.orgA, { hours: [{ day: 'someday', opens: '09:00', closes: '10:00' }] }),
      hubBody(f.orgA, { hours: [{ day: 'mon', opens: '9am', closes: '10:00' }] }),
      { ...hubBody(f.orgA), extra: 1 },
    ]) {
      const res = await call(coordHmn, 'POST', `${CARE}/hubs`, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.message).toBe(stringsFor('errors', 'hmn').validation_failed);
    }
    const hubId = await makeHub(t, coordA, f.orgA);
    const itemId = await makeItem(t, coordA);
    for (const bad of [
      { kind: 'received_donation', itemId, quantity: 0 },
      { kind: 'received_donation', itemId, quantity: 1.5 },
      { kind: 'teleported', itemId, quantity: 1 },
      { kind: 'transfer', itemId, quantity: 1 },
      { kind: 'received_donation', itemId: newId(), quantity: 1 },
      { kind: 'transfer', itemId, quantity: 1, toHubId: hubId },
    ]) {
      const res = await call(coordA, 'POST', `${CARE}/hubs/${hubId}/movements`, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect(
      (await call(coordB, 'POST', `${CARE}/hubs/${hubId}/movements`, { kind: 'received_donation', itemId, quantity: 1 }))
        .statusCode,
    ).toBe(403);
    expect((await call(coordA, 'GET', `${CARE}/hubs/${newId()}`)).statusCode).toBe(404);
    const dup = await call(coordA, 'POST', `${CARE}/items`, { name: 'rice', unit: 'bag' });
    expect(dup.statusCode).toBe(201);
    expect((await call(coordB, 'POST', `${CARE}/items`, { name: 'RICE', unit: 'bag' })).json().error.code).toBe(
      'validation_failed',
    );
    const racing = await Promise.all(
      Array.from({ length: 6 }, () => call(coordA, 'POST', `${CARE}/items`, { name: 'Beans, racing', unit: 'can' })),
    );
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 400, 400, 400, 400, 400]);
  });

  it('lets the owning coordinators create, change and close a hub; lists never show its address, the disk holds it sealed', async () => {
    const created = await call(
      coordA,
      'POST',
      `${CARE}/hubs`,
      hubBody(f.orgA, { name: 'Union hall', address: '77 Secret Hall Road', areaName: 'Phillips' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const hub = created.json();
    expect(hub).toMatchObject({ organizationId: f.orgA, name: 'Union hall', area: { name: 'Phillips' }, stock: [], low: false });
    expect(hub.hours).toEqual(hubBody(f.orgA).hours);
    const row = await t.deps.database.db.selectFrom('care_hubs').selectAll().where('id', '=', hub.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('Secret Hall');
    for (const c of [coordA, coordB, driverA, admin]) {
      const list = await call(c, 'GET', `${CARE}/hubs`);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('Secret Hall');
      expect(list.json().hubs.map((h: { id: string }) => h.id)).toContain(hub.id);
    }
    expect((await call(coordB, 'PUT', `${CARE}/hubs/${hub.id}`, hubBody(f.orgA))).statusCode).toBe(403);
    const changed = await call(
      coordA,
      'PUT',
      `${CARE}/hubs/${hub.id}`,
      hubBody(f.orgA, { name: 'Union hall, back room', address: '78 Secret Hall Road', hours: [] }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Union hall, back room', hours: [] });
    // A hub stays with its organization.
    expect((await call(coordA, 'PUT', `${CARE}/hubs/${hub.id}`, hubBody(f.orgB))).statusCode).toBe(400);
    expect((await call(coordB, 'DELETE', `${CARE}/hubs/${hub.id}`)).statusCode).toBe(403);
    expect((await call(coordA, 'DELETE', `${CARE}/hubs/${hub.id}`)).statusCode).toBe(200);
    expect((await call(coordA, 'GET', `${CARE}/hubs/${hub.id}`)).statusCode).toBe(404);
    expect((await call(coordA, 'GET', `${CARE}/hubs`)).json().hubs.map((h: { id: string }) => h.id)).not.toContain(hub.id);
  });

  it('finds the coarse area of a typed address (no point) in the gazetteer; the address itself stays off the hub', async () => {
    for (const file of ['minneapolis-neighborhoods.geojson', 'minneapolis-corners.geojson']) {
      const geojson = readFileSync(new URL(`../../demo/gazetteer/${file}`, import.meta.url), 'utf8');
      const res = await call(admin, 'POST', '/api/v1/networks/alpha/places/import', {
        geojson,
        ...(file.includes('corners') ? { kind: 'intersection' } : {}),
      });
      expect(res.statusCode).toBe(200);
    }
    const res = await call(
      coordA,
      'POST',
      `${CARE}/hubs`,
      hubBody(f.orgA, { address: 'Lake St & Chicago Ave, church basement' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().area.name).toEqual(expect.any(String));
    expect(res.json().area.cell).toMatch(/^88[0-9a-f]{13}$/);
    expect(res.body).not.toContain('church basement');
    const unknown = await call(coordA, 'POST', `${CARE}/hubs`, hubBody(f.orgA, { address: 'Nowhere we know, back door' }));
    expect(unknown.json().area).toEqual({ cell: null, name: null });
  });

  it('shows the address only to the owning coordinators and to the driver of a live task packed there, each read audited', async () => {
    const hubId = await makeHub(t, coordA, f.orgA, { address: '12 Secret Pantry Way' });
    const itemId = await makeItem(t, coordA);
    await donate(t, coordA, hubId, itemId, 5);
    const read = (c: string) => call(c, 'GET', `${CARE}/hubs/${hubId}/address`);
    const asCoord = await read(coordA);
    expect(asCoord.statusCode).toBe(200);
    expect(asCoord.json()).toEqual({ address: '12 Secret Pantry Way' });
    expect(asCoord.headers['cache-control']).toBe('no-store');
    for (const c of [coordB, admin, driverA, responder, outsider]) expect((await read(c)).statusCode).toBe(403);
    // A driver of organization B, on B's task packed at A's hub: while the task is theirs.
    const driverB = await member(f.orgB, 'hub-driver-b', ['driver'], 'so');
    const { taskId } = await taskIn(t, f, admin, { status: 'assigned', orgId: f.orgB, driverId: driverB.id });
    expect((await read(driverB.cookie)).statusCode).toBe(403);
    expect((await pack(t, coordA, taskId, hubId, [{ itemId, quantity: 2 }])).statusCode).toBe(201);
    expect((await read(driverB.cookie)).statusCode).toBe(200);
    expect((await read(driverA)).statusCode).toBe(403);
    const delivered = await call(driverB.cookie, 'POST', `${CARE}/tasks/${taskId}/progress`, { status: 'delivered' });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect((await read(driverB.cookie)).statusCode).toBe(403);
    const audits = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'care.hub.address.read')
      .where('target_id', '=', hubId)
      .execute();
    expect(audits.map((a) => a.actor_id).sort()).toEqual([f.accounts.org_coordinator.id, driverB.id].sort());
    const everyAudit = await t.deps.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(everyAudit)).not.toContain('Secret Pantry');
  });

  it('records movements with who and when, flags low stock per hub and shows totals; out never takes more than is free', async () => {
    const one = await makeHub(t, coordA, f.orgA, { name: 'Hub one' });
    const two = await makeHub(t, coordA, f.orgA, { name: 'Hub two' });
    const diapers = await makeItem(t, coordA, 'Diapers size 3');
    await donate(t, coordA, one, diapers, 10);
    await donate(t, coordA, two, diapers, 4);
    const low = await call(coordA, 'PUT', `${CARE}/hubs/${two}/stock/${diapers}/threshold`, { lowThreshold: 5 });
    expect(low.statusCode, low.body).toBe(200);
    expect(low.json()).toMatchObject({
      low: true,
      stock: [{ itemId: diapers, onHand: 4, available: 4, lowThreshold: 5, low: true }],
    });
    const spoilTooMany = await call(coordA, 'POST', `${CARE}/hubs/${one}/movements`, {
      kind: 'spoiled',
      itemId: diapers,
      quantity: 11,
    });
    expect(spoilTooMany.statusCode).toBe(409);
    expect(spoilTooMany.json().error.code).toBe('insufficient_stock');
    const moved = await call(coordA, 'POST', `${CARE}/hubs/${one}/movements`, {
      kind: 'transfer',
      itemId: diapers,
      quantity: 3,
      toHubId: two,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().stock[0]).toMatchObject({ onHand: 7, low: false });
    await call(coordA, 'POST', `${CARE}/hubs/${one}/movements`, { kind: 'spoiled', itemId: diapers, quantity: 1 });
    const list = (await call(driverA, 'GET', `${CARE}/hubs`)).json();
    const byId = new Map(list.hubs.map((h: { id: string }) => [h.id, h]));
    expect(byId.get(one)).toMatchObject({ low: false, stock: [{ onHand: 6 }] });
    expect(byId.get(two)).toMatchObject({ low: false, stock: [{ onHand: 7, lowThreshold: 5 }] });
    expect(list.totals.find((x: { itemId: string }) => x.itemId === diapers)).toMatchObject({ onHand: 13, available: 13 });
    const history = await call(coordA, 'GET', `${CARE}/hubs/${one}/movements`);
    expect(history.statusCode).toBe(200);
    expect(history.json().movements.map((m: { kind: string; quantity: number }) => [m.kind, m.quantity])).toEqual([
      ['spoiled', 1],
      ['transfer_out', 3],
      ['received_donation', 10],
    ]);
    expect(history.json().movements.every((m: { actorId: string }) => m.actorId === f.accounts.org_coordinator.id)).toBe(true);
    expect((await call(coordB, 'GET', `${CARE}/hubs/${one}/movements`)).statusCode).toBe(403);
    const inTwo = (await call(coordA, 'GET', `${CARE}/hubs/${two}/movements`)).json().movements[0];
    expect(inTwo).toMatchObject({ kind: 'transfer_in', quantity: 3, peerHubId: one });
    const audited = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', one)
      .where('action', 'like', 'care.stock.%')
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual([
      'care.stock.received_donation',
      'care.stock.spoiled',
      'care.stock.transfer',
    ]);
  });
});
