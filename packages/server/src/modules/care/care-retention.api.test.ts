import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { purgeAll } from '../../modules.ts';
import { requestBody } from './care.test-support.ts';

const BASE = '/api/v1/networks/alpha/care';
const DAY = 86_400_000;

describe.each(DIALECTS)('care address retention on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let coord: string;
  let driver: string;
  const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

  /** Sessions last 14 days: sign in again after moving the clock. */
  const signInAll = async () => {
    [admin, coord, driver] = await Promise.all(
      (['admin', 'org_coordinator', 'driver'] as const).map((p) => signIn(t.app, f.accounts[p].email)),
    );
  };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    await signInAll();
  });
  afterAll(() => t.close());

  /** A delivery filed, claimed, driven and closed now. */
  async function closedTask(address: string) {
    const taskId = (await call(coord, 'POST', `${BASE}/requests`, requestBody(address))).json().taskId as string;
    expect((await call(coord, 'POST', `${BASE}/tasks/${taskId}/claim`, { organizationId: f.orgA })).statusCode).toBe(200);
    expect(
      (await call(coord, 'POST', `${BASE}/tasks/${taskId}/assign`, { driverAccountId: f.accounts.driver.id })).statusCode,
    ).toBe(200);
    expect((await call(driver, 'POST', `${BASE}/tasks/${taskId}/progress`, { status: 'delivered' })).statusCode).toBe(200);
    expect((await call(coord, 'POST', `${BASE}/tasks/${taskId}/progress`, { status: 'closed' })).statusCode).toBe(200);
    return taskId;
  }
  const secretsOf = async () =>
    t.deps.database.db
      .selectFrom('care_requests')
      .select(['id', 'address_enc', 'contact_enc', 'status'])
      .orderBy('created_at')
      .execute();

  it('empties addresses and contact the network’s period after closing or declining, not before', async () => {
    const old = await closedTask('11 Old Road');
    const receipt = (await call(undefined, 'POST', `${BASE}/public-requests`, requestBody('12 Declined Road'))).json();
    const declinedId = (
      await t.deps.database.db
        .selectFrom('care_requests')
        .select('id')
        .where('receipt_code', '=', receipt.receiptCode)
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await call(coord, 'POST', `${BASE}/requests/${declinedId}/triage`, { decision: 'decline', reason: 'Duplicate' }))
        .statusCode,
    ).toBe(200);
    t.clock.advance(5 * DAY);
    await signInAll();
    const recent = await closedTask('13 Recent Road');
    const open = (await call(coord, 'POST', `${BASE}/requests`, requestBody('14 Open Road'))).json().taskId as string;

    // A longer period set by the admin holds everything back.
    const set = await call(admin, 'PATCH', '/api/v1/networks/alpha/settings', { retention: { careAddressDays: 45 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().settings.retention.careAddressDays).toBe(45);
    t.clock.advance(28 * DAY); // 33 days after the first, 28 after the second
    await signInAll();
    expect((await purgeAll(t.deps)).careAddressesPurged).toBe(0);

    expect(
      (await call(admin, 'PATCH', '/api/v1/networks/alpha/settings', { retention: { careAddressDays: 30 } })).statusCode,
    ).toBe(200);
    expect((await purgeAll(t.deps)).careAddressesPurged).toBe(2);
    const rows = await secretsOf();
    const emptied = rows.filter((r) => r.address_enc === null && r.contact_enc === null).length;
    expect(emptied).toBe(2);
    expect(rows.find((r) => r.id === declinedId)?.address_enc).toBeNull();
    expect((await call(coord, 'GET', `${BASE}/tasks/${old}/address`)).statusCode).toBe(404);
    expect((await call(coord, 'GET', `${BASE}/tasks/${recent}/address`)).json().address).toBe('13 Recent Road');
    expect((await call(coord, 'POST', `${BASE}/tasks/${open}/claim`, { organizationId: f.orgA })).statusCode).toBe(200);
    expect((await call(coord, 'GET', `${BASE}/tasks/${open}/address`)).json().address).toBe('14 Open Road');
    // Lists still count what was asked for.
    expect((await call(coord, 'GET', `${BASE}/tasks`)).json().tasks).toHaveLength(3);
    expect((await purgeAll(t.deps)).careAddressesPurged).toBe(0);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'retention.purge')
      .execute();
    expect(audit.map((a) => String(a.detail))).toEqual([expect.stringContaining('"careAddressesPurged":2')]);

    expect(
      (await call(admin, 'PATCH', '/api/v1/networks/alpha/settings', { retention: { careAddressDays: 0 } })).statusCode,
    ).toBe(400);
  });
});
