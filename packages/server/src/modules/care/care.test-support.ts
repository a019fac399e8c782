import type { Fixture, TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';

let source = 0;
/**
 * A different loopback source per call: the matrix files hundreds of requests, more than the
 * per-source limit lets one address send in a minute.
 */
export const nextSource = () => `127.2.${(++source >> 8) & 255}.${source & 255}`;

/** A delivery request body: a typed address, no point, unless one is given. */
export const requestBody = (address = '1234 Test Street, unit 5', extra: object = {}) => ({
  kind: 'groceries',
  items: [{ name: 'Rice', quantity: 2 }],
  contact: '+1 612 555 0199',
  address,
  ...extra,
});

/**
 * A task put straight into a state (the matrix needs a fresh one per call): its request is
 * filed through the API by the admin, then the task row moved by hand.
 */
export async function taskIn(
  t: TestApp,
  f: Fixture,
  adminCookie: string,
  state: { status: string; orgId?: string; driverId?: string },
): Promise<{ taskId: string; requestId: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/networks/alpha/care/requests',
    remoteAddress: nextSource(),
    headers: { cookie: adminCookie },
    payload: requestBody(`${newId()} Matrix Road`),
  });
  if (res.statusCode !== 201) throw new Error(`filing failed: ${res.statusCode} ${res.body}`);
  const { id: requestId, taskId } = res.json() as { id: string; taskId: string };
  const now = t.clock.now().toISOString();
  if (state.status !== 'open')
    await t.deps.database.db
      .updateTable('care_tasks')
      .set({
        status: state.status,
        claimed_org_id: state.orgId ?? f.orgA,
        claimed_at: now,
        driver_account_id: state.driverId ?? null,
        assigned_at: state.driverId ? now : null,
      })
      .where('id', '=', taskId)
      .execute();
  return { taskId, requestId };
}
