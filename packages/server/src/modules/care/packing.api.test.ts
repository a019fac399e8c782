import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { taskIn } from './care.test-support.ts';
import { CARE, caller, donate, makeHub, makeItem, pack } from './hubs.test-support.ts';

describe.each(DIALECTS)('care packing on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let coordA: string;
  let coordB: string;
  let driverA: string;
  let call: ReturnType<typeof caller>;
  const line = async (hubId: string, itemId: string) =>
    t.deps.database.db
      .selectFrom('care_hub_stock')
      .select(['on_hand', 'reserved'])
      .where('hub_id', '=', hubId)
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    call = caller(t);
    [admin, coordA, coordB, driverA] = await Promise.all(
      (['admin', 'org_coordinator', 'coordinator_b', 'driver'] as const).map((p) => signIn(t.app, f.accounts[p].email)),
    );
  });
  afterAll(() => t.close());

  it('refuses without a session (401), outside the hub organization (403), and bad input (400)', async () => {
    const hubId = await makeHub(t, coordA, f.orgA);
    const itemId = await makeItem(t, coordA);
    const { taskId } = await taskIn(t, f, admin, { status: 'claimed' });
    const items = [{ itemId, quantity: 1 }];
    expect((await pack(t, '', taskId, hubId, items)).statusCode).toBe(401);
    expect((await pack(t, coordB, taskId, hubId, items)).statusCode).toBe(403);
    expect((await pack(t, driverA, taskId, hubId, items)).statusCode).toBe(403);
    expect((await pack(t, admin, taskId, hubId, items)).statusCode).toBe(403);
    for (const bad of [[], [{ itemId, quantity: 0 }], [{ itemId: 'nope', quantity: 1 }]]) {
      const res = await pack(t, coordA, taskId, hubId, bad as typeof items);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await pack(t, coordA, newId(), hubId, items)).statusCode).toBe(404);
    const short = await pack(t, coordA, taskId, hubId, items);
    expect(short.statusCode).toBe(409);
    expect(short.json().error.code).toBe('insufficient_stock');
    expect((await call(coordB, 'POST', `${CARE}/hubs/${hubId}/returns`, { taskId })).statusCode).toBe(403);
    expect((await call(coordA, 'POST', `${CARE}/hubs/${hubId}/returns`, { taskId })).json().error.code).toBe('reservation_state');
  });

  it('packs all lines or none, moves them out on pick-up, and returns them to the shelf after a failed delivery', async () => {
    const hubId = await makeHub(t, coordA, f.orgA);
    const rice = await makeItem(t, coordA, 'Rice');
    const formula = await makeItem(t, coordA, 'Formula');
    await donate(t, coordA, hubId, rice, 5);
    await donate(t, coordA, hubId, formula, 2);
    const { taskId } = await taskIn(t, f, admin, { status: 'assigned', driverId: f.accounts.driver.id });
    // One line short: nothing packed.
    const tooMuch = await pack(t, coordA, taskId, hubId, [
      { itemId: rice, quantity: 2 },
      { itemId: formula, quantity: 3 },
    ]);
    expect(tooMuch.statusCode).toBe(409);
    expect(await line(hubId, rice)).toEqual({ on_hand: 5, reserved: 0 });
    const packed = await pack(t, coordA, taskId, hubId, [
      { itemId: rice, quantity: 2 },
      { itemId: formula, quantity: 2 },
    ]);
    expect(packed.statusCode, packed.body).toBe(201);
    expect(packed.json().reservations.map((r: { itemName: string; status: string }) => [r.itemName, r.status])).toEqual([
      ['Rice', 'reserved'],
      ['Formula', 'reserved'],
    ]);
    const hub = (await call(coordA, 'GET', `${CARE}/hubs/${hubId}`)).json();
    expect(hub.stock.find((l: { itemId: string }) => l.itemId === rice)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    // Packed stock cannot be spoiled or sent away.
    const spoil = await call(coordA, 'POST', `${CARE}/hubs/${hubId}/movements`, {
      kind: 'spoiled',
      itemId: formula,
      quantity: 1,
    });
    expect(spoil.json().error.code).toBe('insufficient_stock');
    // A hub with packed items cannot close.
    expect((await call(coordA, 'DELETE', `${CARE}/hubs/${hubId}`)).json().error.code).toBe('hub_in_use');
    const picked = await call(driverA, 'POST', `${CARE}/tasks/${taskId}/progress`, { status: 'picked_up' });
    expect(picked.statusCode, picked.body).toBe(200);
    expect(await line(hubId, rice)).toEqual({ on_hand: 3, reserved: 0 });
    expect(await line(hubId, formula)).toEqual({ on_hand: 0, reserved: 0 });
    // Not failed yet: nothing to return.
    expect((await call(coordA, 'POST', `${CARE}/hubs/${hubId}/returns`, { taskId })).json().error.code).toBe('reservation_state');
    const failed = await call(driverA, 'POST', `${CARE}/tasks/${taskId}/progress`, { status: 'failed', reason: 'Nobody home' });
    expect(failed.statusCode).toBe(200);
    const returned = await call(coordA, 'POST', `${CARE}/hubs/${hubId}/returns`, { taskId });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().reservations.every((r: { status: string }) => r.status === 'returned')).toBe(true);
    expect(await line(hubId, rice)).toEqual({ on_hand: 5, reserved: 0 });
    expect(await line(hubId, formula)).toEqual({ on_hand: 2, reserved: 0 });
    // Once only.
    expect((await call(coordA, 'POST', `${CARE}/hubs/${hubId}/returns`, { taskId })).statusCode).toBe(409);
    const kinds = (await call(coordA, 'GET', `${CARE}/hubs/${hubId}/movements`))
      .json()
      .movements.map((m: { kind: string }) => m.kind);
    expect(kinds.filter((k: string) => k !== 'received_donation').sort()).toEqual(
      ['packed_for_delivery', 'packed_for_delivery', 'picked_up', 'picked_up', 'returned', 'returned'].sort(),
    );
    const listed = await call(driverA, 'GET', `${CARE}/tasks/${taskId}/reservations`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().reservations).toHaveLength(2);
  });

  it('releases packed items never picked up when the delivery fails, and moves them out when "delivered" skips "picked up"', async () => {
    const hubId = await makeHub(t, coordA, f.orgA);
    const soap = await makeItem(t, coordA, 'Soap');
    await donate(t, coordA, hubId, soap, 4);
    const a = await taskIn(t, f, admin, { status: 'assigned', driverId: f.accounts.driver.id });
    const b = await taskIn(t, f, admin, { status: 'assigned', driverId: f.accounts.driver.id });
    expect((await pack(t, coordA, a.taskId, hubId, [{ itemId: soap, quantity: 1 }])).statusCode).toBe(201);
    expect((await pack(t, coordA, b.taskId, hubId, [{ itemId: soap, quantity: 2 }])).statusCode).toBe(201);
    await call(driverA, 'POST', `${CARE}/tasks/${a.taskId}/progress`, { status: 'failed', reason: 'Car broke down' });
    const released = await call(coordA, 'POST', `${CARE}/hubs/${hubId}/returns`, { taskId: a.taskId });
    expect(released.json().reservations[0].status).toBe('released');
    expect(await line(hubId, soap)).toEqual({ on_hand: 4, reserved: 2 });
    await call(driverA, 'POST', `${CARE}/tasks/${b.taskId}/progress`, { status: 'delivered' });
    expect(await line(hubId, soap)).toEqual({ on_hand: 2, reserved: 0 });
    // A task already on its way cannot be packed for.
    const late = await pack(t, coordA, b.taskId, hubId, [{ itemId: soap, quantity: 1 }]);
    expect(late.json().error.code).toBe('task_state');
  });

  it('lets exactly as many of 20 concurrent packers succeed as the shelf holds (5), never below zero', async () => {
    const hubId = await makeHub(t, coordA, f.orgA);
    const formula = await makeItem(t, coordA, 'Formula, concurrent');
    await donate(t, coordA, hubId, formula, 5);
    const tasks = [];
    for (let i = 0; i < 20; i++) tasks.push((await taskIn(t, f, admin, { status: 'claimed' })).taskId);
    const results = await Promise.all(tasks.map((taskId) => pack(t, coordA, taskId, hubId, [{ itemId: formula, quantity: 1 }])));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(15);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'insufficient_stock')).toBe(true);
    expect(await line(hubId, formula)).toEqual({ on_hand: 5, reserved: 5 });
    const rows = await t.deps.database.db.selectFrom('care_reservations').select('id').where('hub_id', '=', hubId).execute();
    expect(rows).toHaveLength(5);
    // Spoilers racing the last free units: the shelf never goes under zero.
    await donate(t, coordA, hubId, formula, 3);
    const spoils = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(coordA, 'POST', `${CARE}/hubs/${hubId}/movements`, { kind: 'spoiled', itemId: formula, quantity: 1 }),
      ),
    );
    expect(spoils.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(await line(hubId, formula)).toEqual({ on_hand: 5, reserved: 5 });
  });
});
