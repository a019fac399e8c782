import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { insertRequest, insertTask } from './care.repository.ts';

export const CARE = '/api/v1/networks/alpha/care';

/** A hub body: a typed address with no point, weekly hours. */
export const hubBody = (organizationId: string, extra: object = {}) => ({
  organizationId,
  name: 'Basement pantry',
  address: '1200 Church Lane, side door',
  hours: [
    { day: 'tue', opens: '16:00', closes: '19:00' },
    { day: 'sat', opens: '09:00', closes: '12:00' },
  ],
  ...extra,
});

type Call = (
  cookie: string | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => Promise<LightMyRequestResponse>;

let source = 0;
/** inject with an optional session cookie, each call from its own loopback source (the per-source limit is 600/min). */
export const caller =
  (t: TestApp): Call =>
  (cookie, method, url, payload) =>
    t.app.inject({
      method,
      url,
      remoteAddress: `127.3.${(++source >> 8) & 255}.${source & 255}`,
      headers: cookie ? { cookie } : {},
      ...(payload ? { payload } : {}),
    });

async function ok(res: Awaited<ReturnType<Call>>, what: string) {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A hub of the organization, opened by one of its coordinators. */
export async function makeHub(t: TestApp, cookie: string, organizationId: string, extra: object = {}): Promise<string> {
  return (await ok(await caller(t)(cookie, 'POST', `${CARE}/hubs`, hubBody(organizationId, extra)), 'hub')).id;
}

/** An item of the network's catalogue (a unique name unless given). */
export async function makeItem(t: TestApp, cookie: string, name = `Item ${Math.random().toString(36).slice(2)}`) {
  return (await ok(await caller(t)(cookie, 'POST', `${CARE}/items`, { name, unit: 'pack', packSize: 12 }), 'item')).id as string;
}

/** A donation of n at a hub. */
export async function donate(t: TestApp, cookie: string, hubId: string, itemId: string, quantity: number) {
  return ok(
    await caller(t)(cookie, 'POST', `${CARE}/hubs/${hubId}/movements`, { kind: 'received_donation', itemId, quantity }),
    'donation',
  );
}

/** Pack items at a hub for a task. */
export const pack = (t: TestApp, cookie: string, taskId: string, hubId: string, items: { itemId: string; quantity: number }[]) =>
  caller(t)(cookie, 'POST', `${CARE}/tasks/${taskId}/reservations`, { hubId, items });

/** A task straight into a state, its request written through the repository (no HTTP: the matrix makes many). */
export async function directTask(
  t: TestApp,
  networkId: string,
  orgId: string,
  state: { status: string; driverId?: string },
): Promise<{ taskId: string; requestId: string }> {
  const now = t.clock.now().toISOString();
  const { keyring, database } = t.deps;
  const requestId = newId();
  const taskId = newId();
  await insertRequest(database.db, {
    id: requestId,
    network_id: networkId,
    origin: 'member',
    kind: 'groceries',
    items_enc: keyring.encrypt('case', JSON.stringify([{ name: 'Rice', quantity: 1 }])),
    contact_enc: keyring.encrypt('contact', '+1 612 555 0123'),
    address_enc: keyring.encrypt('address', `${requestId} Matrix Road`),
    point_enc: null,
    area_cell: null,
    area_name: null,
    language: 'en',
    discreet: 0,
    status: 'accepted',
    decline_reason_enc: null,
    merged_into: null,
    receipt_code: null,
    dedupe_hash: null,
    filed_by: null,
    decided_by: null,
    decided_at: now,
    created_at: now,
    updated_at: now,
  });
  const claimed = state.status !== 'open';
  await insertTask(database.db, {
    id: taskId,
    network_id: networkId,
    request_id: requestId,
    status: state.status,
    version: 1,
    claimed_org_id: claimed ? orgId : null,
    claimed_by: null,
    claimed_at: claimed ? now : null,
    driver_account_id: state.driverId ?? null,
    assigned_at: state.driverId ? now : null,
    picked_up_at: null,
    delivered_at: null,
    failed_at: null,
    failure_reason_enc: null,
    closed_at: null,
    created_at: now,
    updated_at: now,
  });
  return { taskId, requestId };
}

/** Hub actions of the care policy: the matrix asks hubTarget for their state. */
export const HUB_ACTIONS = new Set([
  'hub.list',
  'hub.manage',
  'hub.address',
  'item.manage',
  'stock.move',
  'stock.read',
  'task.pack',
]);

/**
 * For the authorization matrix: a fresh hub of organization A with 5 of an item; but for
 * hub.manage (which may close it), a task
 * claimed by A and assigned to the fixture's driver with 1 packed there (so the driver holds the
 * hub address), and a failed task with 1 picked up (so a return has something to return).
 */
export async function hubTarget(
  t: TestApp,
  f: { networkId: string; orgA: string; accounts: { driver: { id: string } } },
  coordinatorA: string,
  action: string,
) {
  const taskIn = (state: { status: string; driverId?: string }) => directTask(t, f.networkId, f.orgA, state);
  const hubId = await makeHub(t, coordinatorA, f.orgA);
  const itemId = await makeItem(t, coordinatorA);
  await donate(t, coordinatorA, hubId, itemId, 5);
  // A hub with nothing packed: one its coordinators may close.
  if (action === 'hub.manage') return { requestId: '', taskId: '', hubId, itemId, failedTaskId: '' };
  const live = await taskIn({ status: 'assigned', driverId: f.accounts.driver.id });
  const packed = await pack(t, coordinatorA, live.taskId, hubId, [{ itemId, quantity: 1 }]);
  if (packed.statusCode !== 201) throw new Error(`pack: ${packed.statusCode} ${packed.body}`);
  const failed = await taskIn({ status: 'claimed' });
  await pack(t, coordinatorA, failed.taskId, hubId, [{ itemId, quantity: 1 }]);
  await t.deps.database.db
    .updateTable('care_tasks')
    .set({ status: 'failed', failed_at: t.clock.now().toISOString() })
    .where('id', '=', failed.taskId)
    .execute();
  return { ...live, hubId, itemId, failedTaskId: failed.taskId };
}

/** Bodies the matrix sends to hub routes, by method and route. */
export function hubBodyFor(
  route: string,
  method: string,
  ids: { orgA: string; itemId: string; failedTaskId: string; hubId: string },
) {
  const bodies: Record<string, object> = {
    'POST /api/v1/networks/:slug/care/hubs': hubBody(ids.orgA),
    'PUT /api/v1/networks/:slug/care/hubs/:hubId': hubBody(ids.orgA),
    'POST /api/v1/networks/:slug/care/items': { name: `Item ${Math.random().toString(36).slice(2)}`, unit: 'each' },
    'POST /api/v1/networks/:slug/care/hubs/:hubId/movements': { kind: 'received_donation', itemId: ids.itemId, quantity: 1 },
    'PUT /api/v1/networks/:slug/care/hubs/:hubId/stock/:itemId/threshold': { lowThreshold: 2 },
    'POST /api/v1/networks/:slug/care/hubs/:hubId/stock/import': { csv: 'item,on_hand\nMatrix rice,3\n' },
    'POST /api/v1/networks/:slug/care/hubs/:hubId/returns': { taskId: ids.failedTaskId },
    'POST /api/v1/networks/:slug/care/tasks/:taskId/reservations': {
      hubId: ids.hubId,
      items: [{ itemId: ids.itemId, quantity: 1 }],
    },
  };
  return bodies[`${method} ${route}`];
}
