import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { taskIn } from './care.test-support.ts';

const BASE = '/api/v1/networks/alpha/care';

/** The owner's coordinators list who asks for their task, so the web app can offer approve and decline. */
describe.each(DIALECTS)('care claim requests list on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let coordA: string;
  let coordB: string;
  let driver: string;
  const get = (cookie: string | undefined, taskId: string) =>
    t.app.inject({ method: 'GET', url: `${BASE}/tasks/${taskId}/claim-requests`, headers: cookie ? { cookie } : {} });
  const ask = (cookie: string, taskId: string, reason: string) =>
    t.app.inject({
      method: 'POST',
      url: `${BASE}/tasks/${taskId}/claim-requests`,
      headers: { cookie },
      payload: { organizationId: f.orgB, reason },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    [admin, coordA, coordB, driver] = await Promise.all(
      (['admin', 'org_coordinator', 'coordinator_b', 'driver'] as const).map((p) => signIn(t.app, f.accounts[p].email)),
    );
  });
  afterAll(() => t.close());

  it('refuses without a session (401), to anyone but the owner’s coordinators (403), and a malformed id (400)', async () => {
    const { taskId } = await taskIn(t, f, admin, { status: 'claimed' });
    expect((await get(undefined, taskId)).statusCode).toBe(401);
    for (const cookie of [coordB, driver, admin]) {
      const res = await get(cookie, taskId);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const bad = await get(coordA, 'not-an-id');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const open = await taskIn(t, f, admin, { status: 'open' });
    expect((await get(coordA, open.taskId)).json().error.code).toBe('task_state');
  });

  it('lists only pending requests, with the reason, and drops one once it is declined', async () => {
    const { taskId } = await taskIn(t, f, admin, { status: 'claimed' });
    expect((await get(coordA, taskId)).json()).toEqual({ claimRequests: [] });
    const asked = await ask(coordB, taskId, 'Our driver lives two blocks away');
    expect(asked.statusCode).toBe(201);
    const listed = await get(coordA, taskId);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().claimRequests).toEqual([
      expect.objectContaining({
        id: asked.json().id,
        organizationId: f.orgB,
        reason: 'Our driver lives two blocks away',
        status: 'pending',
      }),
    ]);
    const decided = await t.app.inject({
      method: 'POST',
      url: `${BASE}/tasks/${taskId}/claim-requests/${asked.json().id}/decision`,
      headers: { cookie: coordA },
      payload: { decision: 'decline' },
    });
    expect(decided.statusCode).toBe(200);
    expect((await get(coordA, taskId)).json()).toEqual({ claimRequests: [] });
  });
});
