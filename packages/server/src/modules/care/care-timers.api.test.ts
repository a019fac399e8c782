import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { createAccount } from '../identity/index.ts';
import { newId } from '../../platform/ids.ts';
import { insertMembership, insertOrganization } from '../networks/index.ts';
import { runClaimTimers } from './index.ts';
import { requestBody } from './care.test-support.ts';

const BASE = '/api/v1/networks/alpha/care';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The claim timers on the fake clock: unanswered claim requests transfer, untouched claims are released. */
describe.each(DIALECTS)('care claim timers on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let coordA: string;
  let coordB: string;
  let driver: string;
  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  /** Sessions last 14 days: sign in again after moving the clock. */
  const signInAll = async () => {
    [admin, coordA, coordB, driver] = await Promise.all(
      (['admin', 'org_coordinator', 'coordinator_b', 'driver'] as const).map((p) => signIn(t.app, f.accounts[p].email)),
    );
  };
  const taskRow = (id: string) =>
    t.deps.database.db.selectFrom('care_tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = (action: string, targetId: string) =>
    t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    await signInAll();
  });
  afterAll(() => t.close());

  /** A task filed and claimed by A, assigned to A's driver. */
  async function assignedTask(address: string) {
    const taskId = (await call(coordA, 'POST', `${BASE}/requests`, requestBody(address))).json().taskId as string;
    expect((await call(coordA, 'POST', `${BASE}/tasks/${taskId}/claim`, { organizationId: f.orgA })).statusCode).toBe(200);
    const assigned = await call(coordA, 'POST', `${BASE}/tasks/${taskId}/assign`, { driverAccountId: f.accounts.driver.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    return taskId;
  }

  it('transfers an unanswered claim request after 36 h by default, once, and the old driver loses the address', async () => {
    const taskId = await assignedTask('21 Transfer Lane');
    const asked = await call(coordB, 'POST', `${BASE}/tasks/${taskId}/claim-requests`, {
      organizationId: f.orgB,
      reason: 'Our driver lives on that block',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await call(driver, 'GET', `${BASE}/tasks/${taskId}/address`)).statusCode).toBe(200);

    t.clock.advance(36 * HOUR - 60_000);
    expect((await runClaimTimers(t.deps)).transferred).toBe(0);
    expect((await taskRow(taskId)).claimed_org_id).toBe(f.orgA);

    t.clock.advance(2 * 60_000);
    expect((await runClaimTimers(t.deps)).transferred).toBe(1);
    const moved = await taskRow(taskId);
    expect(moved).toMatchObject({ status: 'claimed', claimed_org_id: f.orgB, driver_account_id: null });
    const claim = await t.deps.database.db
      .selectFrom('care_claim_requests')
      .selectAll()
      .where('id', '=', asked.json().id)
      .executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ status: 'approved', decided_by: null });
    await signInAll();
    expect((await call(driver, 'GET', `${BASE}/tasks/${taskId}/address`)).statusCode).toBe(403);
    expect((await call(coordB, 'GET', `${BASE}/tasks/${taskId}/address`)).json().address).toBe('21 Transfer Lane');
    // Idempotent: a second run (or a second node) changes nothing.
    expect((await runClaimTimers(t.deps)).transferred).toBe(0);
    expect((await taskRow(taskId)).version).toBe(moved.version);
    const audit = await auditOf('care.task.claim_request.auto_transfer', taskId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBeNull();
    expect(JSON.parse(String(audit[0]!.detail))).toMatchObject({ from: f.orgA, to: f.orgB, afterHours: 36 });
  });

  it('follows the network setting, rejects a bad one with 400, and leaves an answered request alone', async () => {
    expect(
      (await call(admin, 'PATCH', '/api/v1/networks/alpha/settings', { care: { careClaimTransferHours: 0 } })).statusCode,
    ).toBe(400);
    const set = await call(admin, 'PATCH', '/api/v1/networks/alpha/settings', { care: { careClaimTransferHours: 2 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().settings.care).toEqual({ careClaimTransferHours: 2, careClaimReleaseDays: 7 });
    const early = await assignedTask('22 Setting Street');
    const declined = await assignedTask('23 Declined Road');
    await call(coordB, 'POST', `${BASE}/tasks/${early}/claim-requests`, { organizationId: f.orgB, reason: 'closer' });
    const asked = await call(coordB, 'POST', `${BASE}/tasks/${declined}/claim-requests`, { organizationId: f.orgB, reason: 'x' });
    const no = await call(coordA, 'POST', `${BASE}/tasks/${declined}/claim-requests/${asked.json().id}/decision`, {
      decision: 'decline',
    });
    expect(no.statusCode, no.body).toBe(200);
    // A third organization asks, then is rejected: its request lapses instead of winning the task.
    const lapsed = await assignedTask('26 Lapsed Lane');
    const orgC = newId();
    await insertOrganization(t.deps.database.db, {
      id: orgC,
      networkId: f.networkId,
      name: 'Org C',
      kind: 'informal',
      type: 'other',
      status: 'active',
      requestedBy: null,
      now: t.clock.now(),
    });
    await insertMembership(t.deps.database.db, {
      id: newId(),
      networkId: f.networkId,
      organizationId: orgC,
      accountId: await createAccount(t.deps, {
        email: 'coord-c@test.local',
        password: TEST_PASSWORD,
        displayName: 'C',
        language: 'en',
      }),
      roles: ['org_coordinator'],
      status: 'active',
      now: t.clock.now(),
    });
    const askedC = await call(await signIn(t.app, 'coord-c@test.local'), 'POST', `${BASE}/tasks/${lapsed}/claim-requests`, {
      organizationId: orgC,
      reason: 'y',
    });
    expect(askedC.statusCode, askedC.body).toBe(201);
    await t.deps.database.db.updateTable('organizations').set({ status: 'rejected' }).where('id', '=', orgC).execute();
    t.clock.advance(2 * HOUR + 60_000);
    expect((await runClaimTimers(t.deps)).transferred).toBe(1);
    expect((await taskRow(lapsed)).claimed_org_id).toBe(f.orgA);
    const lapsedRow = await t.deps.database.db
      .selectFrom('care_claim_requests')
      .select('status')
      .where('id', '=', askedC.json().id)
      .executeTakeFirstOrThrow();
    expect(lapsedRow.status).toBe('declined');
    expect((await taskRow(early)).claimed_org_id).toBe(f.orgB);
    expect((await taskRow(declined)).claimed_org_id).toBe(f.orgA);
    await call(admin, 'PATCH', '/api/v1/networks/alpha/settings', { care: { careClaimTransferHours: 36 } });
  });

  it('releases a claimed or assigned task untouched for 7 days: open, no driver, coordinators told, once', async () => {
    // The earlier tests' tasks are released first, so the counts below are this test's own.
    t.clock.advance(8 * DAY);
    expect((await runClaimTimers(t.deps)).released).toBe(4);
    await signInAll();
    const taskId = await assignedTask('24 Release Row');
    const busy = await assignedTask('25 Busy Street');
    expect((await call(driver, 'GET', `${BASE}/tasks/${taskId}/address`)).statusCode).toBe(200);
    const before = await t.deps.database.db.selectFrom('outbox').select('id').execute();

    t.clock.advance(6 * DAY);
    await signInAll();
    // Picked up is touched, and a trip under way is never pulled back.
    expect((await call(driver, 'POST', `${BASE}/tasks/${busy}/progress`, { status: 'picked_up' })).statusCode).toBe(200);
    t.clock.advance(DAY - 60_000);
    expect((await runClaimTimers(t.deps)).released).toBe(0);
    t.clock.advance(2 * 60_000);
    expect((await runClaimTimers(t.deps)).released).toBe(1);
    expect(await taskRow(taskId)).toMatchObject({ status: 'open', claimed_org_id: null, driver_account_id: null });
    expect((await taskRow(busy)).status).toBe('picked_up');
    expect((await call(driver, 'GET', `${BASE}/tasks/${taskId}/address`)).statusCode).toBe(403);

    const rows = await t.deps.database.db
      .selectFrom('outbox')
      .select(['id', 'channel', 'payload_enc', 'recipient_enc'])
      .where(
        'id',
        'not in',
        before.map((r) => r.id),
      )
      .execute();
    const released = rows
      .map((r) => ({ ...r, payload: JSON.parse(t.deps.keyring.decrypt('contact', r.payload_enc!)) }))
      .filter((r) => r.payload.kind === 'released');
    expect(released).toHaveLength(1);
    expect(t.deps.keyring.decrypt('contact', released[0]!.recipient_enc)).toBe(f.accounts.org_coordinator.email);
    expect(released[0]!.payload).toMatchObject({ type: 'care', kind: 'released', days: 7, discreet: false });
    expect(JSON.stringify(released[0]!.payload)).not.toContain('Release Row');

    expect((await runClaimTimers(t.deps)).released).toBe(0);
    expect(await t.deps.database.db.selectFrom('outbox').select('id').execute()).toHaveLength(before.length + rows.length);
    const audit = await auditOf('care.task.auto_release', taskId);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0]!.detail))).toMatchObject({
      organizationId: f.orgA,
      previousDriverAccountId: f.accounts.driver.id,
    });
    // Open again: anyone may claim it.
    expect((await call(coordB, 'POST', `${BASE}/tasks/${taskId}/claim`, { organizationId: f.orgB })).statusCode).toBe(200);
  });
});
