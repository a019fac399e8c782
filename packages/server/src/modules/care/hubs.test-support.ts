import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../../test/harness/test-app.ts';

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

/** inject with an optional session cookie. */
export const caller =
  (t: TestApp): Call =>
  (cookie, method, url, payload) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

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
