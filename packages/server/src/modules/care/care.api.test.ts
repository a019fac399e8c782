import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount } from '../identity/index.ts';
import { insertMembership } from '../networks/index.ts';
import { moveTask } from './care.repository.ts';
import { requestBody } from './care.test-support.ts';

const demoFile = (name: string) => readFileSync(new URL(`../../demo/gazetteer/${name}`, import.meta.url), 'utf8');
const BASE = '/api/v1/networks/alpha/care';

describe.each(DIALECTS)('care deliveries on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let coordA: string;
  let coordB: string;
  let driverA: string;
  let driverA2: string;
  let driverB: string;
  let responder: string;
  let outsider: string;
  let driverA2Id: string;
  let driverBId: string;
  const call = (cookie: string | undefined, method: 'GET' | 'POST', url: string, payload?: object, headers: object = {}) =>
    t.app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...headers }, ...(payload ? { payload } : {}) });

  async function driverIn(orgId: string, key: string) {
    const email = `${key}@test.local`;
    const id = await createAccount(t.deps, { email, password: TEST_PASSWORD, displayName: key, language: 'en' });
    await insertMembership(t.deps.database.db, {
      id: newId(),
      networkId: f.networkId,
      organizationId: orgId,
      accountId: id,
      roles: ['driver'],
      status: 'active',
      now: t.clock.now(),
    });
    return { id, cookie: await signIn(t.app, email) };
  }

  /** A member-filed request: accepted at once, with an open task. */
  async function openTask(address = `${newId()} Elm Street`) {
    const res = await call(coordA, 'POST', `${BASE}/requests`, requestBody(address));
    expect(res.statusCode).toBe(201);
    return res.json().taskId as string;
  }
  const claim = (cookie: string, taskId: string, organizationId: string) =>
    call(cookie, 'POST', `${BASE}/tasks/${taskId}/claim`, { organizationId });
  const assign = (cookie: string, taskId: string, driverAccountId?: string) =>
    call(cookie, 'POST', `${BASE}/tasks/${taskId}/assign`, driverAccountId ? { driverAccountId } : {});
  const progress = (cookie: string, taskId: string, body: object) =>
    call(cookie, 'POST', `${BASE}/tasks/${taskId}/progress`, body);
  const address = (cookie: string, taskId: string) => call(cookie, 'GET', `${BASE}/tasks/${taskId}/address`);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    [admin, coordA, coordB, driverA, responder, outsider] = await Promise.all(
      (['admin', 'org_coordinator', 'coordinator_b', 'driver', 'responder', 'outsider'] as const).map((p) =>
        signIn(t.app, f.accounts[p].email),
      ),
    );
    ({ id: driverA2Id, cookie: driverA2 } = await driverIn(f.orgA, 'driver-a2'));
    ({ id: driverBId, cookie: driverB } = await driverIn(f.orgB, 'driver-b'));
    for (const file of ['minneapolis-neighborhoods.geojson', 'minneapolis-corners.geojson']) {
      const res = await call(admin, 'POST', '/api/v1/networks/alpha/places/import', {
        geojson: demoFile(file),
        ...(file.includes('corners') ? { kind: 'intersection' } : {}),
      });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('refuses without a session (401), outside the network or role (403), and bad input (400) with stable codes', async () => {
    expect((await call(undefined, 'POST', `${BASE}/requests`, requestBody())).statusCode).toBe(401);
    expect((await call(undefined, 'GET', `${BASE}/tasks`)).statusCode).toBe(401);
    expect((await call(undefined, 'GET', `${BASE}/tasks/${newId()}/address`)).statusCode).toBe(401);
    expect((await call(outsider, 'GET', `${BASE}/tasks`)).statusCode).toBe(403);
    expect((await call(responder, 'GET', `${BASE}/requests`)).statusCode).toBe(403);
    for (const bad of [
      { ...requestBody(), kind: 'weapons' },
      { ...requestBody(), items: [] },
      { ...requestBody(), items: [{ name: 'Rice', quantity: 0 }] },
      { ...requestBody(), address: '' },
      { ...requestBody(), point: { lat: 91, lng: 0 } },
    ]) {
      for (const [cookie, url] of [
        [coordA, `${BASE}/requests`],
        [undefined, `${BASE}/public-requests`],
      ] as const) {
        const res = await call(cookie, 'POST', url, bad, { 'accept-language': 'es' });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
    }
    const notMember = await openTask();
    expect((await claim(coordA, notMember, f.orgA)).statusCode).toBe(200);
    const refused = await call(
      coordA,
      'POST',
      `${BASE}/tasks/${notMember}/assign`,
      { driverAccountId: driverBId },
      {
        'accept-language': 'es',
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('driver_not_member');
    expect(refused.json().error.message).toMatch(/not an active member/);
    expect((await progress(coordA, notMember, { status: 'failed' })).statusCode).toBe(400);
  });

  it('takes a public request typed with an address and no point: receipt, replay, coarse area only', async () => {
    const typed = 'Lake St & Chicago Ave, 2nd floor rear';
    const headers = { 'idempotency-key': 'care-replay-0001' };
    const first = await call(undefined, 'POST', `${BASE}/public-requests`, requestBody(typed), headers);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ receiptCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/), status: 'new' });
    const replay = await call(undefined, 'POST', `${BASE}/public-requests`, requestBody(typed), headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().receiptCode).toBe(first.json().receiptCode);

    const list = await call(coordA, 'GET', `${BASE}/requests`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('2nd floor rear');
    expect(list.body).not.toContain('555 0199');
    const mine = list.json().requests.filter((r: { area: { name: string | null } }) => r.area.name !== null);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'new', origin: 'public', kind: 'groceries', taskId: null });
    expect(mine[0].area.cell).toMatch(/^88[0-9a-f]{13}$/);
    // Not in the clear on disk either.
    const row = await t.deps.database.db
      .selectFrom('care_requests')
      .selectAll()
      .where('id', '=', mine[0].id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('Chicago Ave');
    expect(JSON.stringify(row)).not.toContain('Rice');
  });

  it('takes a point: its resolution-8 cell, never the point', async () => {
    const res = await call(
      coordA,
      'POST',
      `${BASE}/requests`,
      requestBody('77 Point Place', { point: { lat: 44.9484, lng: -93.2555 } }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().area.cell).toBe('8827526d6bfffff');
    expect(res.body).not.toContain('44.9484');
  });

  it('triage: accept makes a task, decline shows its reason on the receipt, merge; member requests start accepted', async () => {
    const file = async () =>
      (await call(undefined, 'POST', `${BASE}/public-requests`, requestBody())).json().receiptCode as string;
    const idOf = async (code: string) =>
      (
        await t.deps.database.db
          .selectFrom('care_requests')
          .select('id')
          .where('receipt_code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;
    const receipt = (code: string) => call(undefined, 'POST', `${BASE}/receipt-status`, { code });
    const [a, d, m] = [await file(), await file(), await file()];
    expect((await receipt(a)).json()).toEqual({ status: 'new', reason: null });

    const triage = (cookie: string, code: string, body: object) =>
      idOf(code).then((id) => call(cookie, 'POST', `${BASE}/requests/${id}/triage`, body));
    expect((await triage(driverA, a, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = await triage(coordA, a, { decision: 'accept' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().taskId).toEqual(expect.any(String));
    expect((await triage(coordB, a, { decision: 'accept' })).statusCode).toBe(409);

    expect((await triage(coordA, d, { decision: 'decline' })).statusCode).toBe(400);
    expect((await triage(coordA, d, { decision: 'decline', reason: 'Outside our area; call 311' })).statusCode).toBe(200);
    const declined = await receipt(d.toLowerCase());
    expect(declined.json()).toEqual({ status: 'declined', reason: 'Outside our area; call 311' });

    expect((await triage(admin, m, { decision: 'merge', into: await idOf(m) })).statusCode).toBe(400);
    const merged = await triage(admin, m, { decision: 'merge', into: await idOf(a) });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: await idOf(a), taskId: null });
    expect((await receipt(m)).json()).toEqual({ status: 'merged', reason: null });

    expect((await receipt('ZZZZ-ZZZZ')).statusCode).toBe(404);
    expect((await receipt('not a code')).statusCode).toBe(404);

    const member = await call(responder, 'POST', `${BASE}/requests`, requestBody());
    expect(member.statusCode).toBe(201);
    expect(member.json()).toMatchObject({ status: 'accepted', origin: 'member', taskId: expect.any(String) });
  });

  it('two organizations claiming one task at once: exactly one wins', async () => {
    for (let i = 0; i < 5; i++) {
      const taskId = await openTask();
      const results = await Promise.all([claim(coordA, taskId, f.orgA), claim(coordB, taskId, f.orgB)]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      const loser = results.find((r) => r.statusCode === 409)!;
      expect(loser.json().error.code).toBe('task_taken');
      const row = await t.deps.database.db
        .selectFrom('care_tasks')
        .selectAll()
        .where('id', '=', taskId)
        .executeTakeFirstOrThrow();
      const winner = results.find((r) => r.statusCode === 200)!.json();
      expect(row.claimed_org_id).toBe(winner.claimedBy.organizationId);
      expect(row.version).toBe(2);
    }
    // The conditional update itself, both callers holding the same version (as two claims that both read first).
    const raced = await openTask();
    const moves = await Promise.all(
      [f.orgA, f.orgB].map((org) =>
        t.deps.database.db
          .transaction()
          .execute((trx) =>
            moveTask(trx, f.networkId, raced, { status: ['open'], version: 1 }, { status: 'claimed', claimed_org_id: org }),
          ),
      ),
    );
    expect(moves.filter(Boolean)).toHaveLength(1);
    // A coordinator claims only for their own organization; a network admin is nobody's coordinator.
    const taskId = await openTask();
    expect((await claim(coordA, taskId, f.orgB)).statusCode).toBe(403);
    expect((await claim(admin, taskId, f.orgA)).statusCode).toBe(403);
  });

  it('the address rule: the assigned driver while the trip is theirs, and the claiming organization’s coordinators', async () => {
    const secret = `${newId()} Secret Lane, basement`;
    const taskId = await openTask(secret);
    // Unclaimed: nobody, not even the admin.
    for (const c of [admin, coordA, driverA, driverB]) expect((await address(c, taskId)).statusCode).toBe(403);
    expect((await claim(coordA, taskId, f.orgA)).statusCode).toBe(200);
    expect((await address(coordA, taskId)).json().address).toBe(secret);
    for (const c of [admin, coordB, driverA, driverA2, driverB, responder])
      expect((await address(c, taskId)).statusCode).toBe(403);

    expect((await assign(coordA, taskId, f.accounts.driver.id)).statusCode).toBe(200);
    const read = await address(driverA, taskId);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ address: secret, contact: '+1 612 555 0199', point: null });
    expect(read.headers['cache-control']).toBe('no-store');
    for (const c of [admin, coordB, driverA2, driverB]) expect((await address(c, taskId)).statusCode).toBe(403);
    // Only the assigned driver moves the trip on.
    expect((await progress(driverA2, taskId, { status: 'picked_up' })).statusCode).toBe(403);

    // Reassigned: the former driver loses it at once.
    expect((await assign(coordA, taskId, driverA2Id)).statusCode).toBe(200);
    expect((await address(driverA, taskId)).statusCode).toBe(403);
    expect((await address(driverA2, taskId)).statusCode).toBe(200);
    expect((await progress(driverA2, taskId, { status: 'picked_up' })).json().status).toBe('picked_up');
    expect((await address(driverA2, taskId)).statusCode).toBe(200);
    // Delivered: gone for the driver; the coordinator still sees it until closing, then the driver never again.
    const delivered = await progress(driverA2, taskId, { status: 'delivered' });
    expect(delivered.json()).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    expect((await address(driverA2, taskId)).statusCode).toBe(403);
    expect((await address(coordA, taskId)).statusCode).toBe(200);
    expect((await progress(driverA2, taskId, { status: 'closed' })).statusCode).toBe(403);
    expect((await progress(coordA, taskId, { status: 'closed' })).json().status).toBe('closed');
    expect((await address(driverA2, taskId)).statusCode).toBe(403);

    // Every read audited with who; no address in any audit row.
    const reads = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'care.task.address.read')
      .where('target_id', '=', taskId)
      .execute();
    expect(reads.map((r) => r.actor_id).sort()).toEqual(
      [f.accounts.org_coordinator.id, f.accounts.driver.id, driverA2Id, driverA2Id, f.accounts.org_coordinator.id].sort(),
    );
    const everyAudit = await t.deps.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(everyAudit)).not.toContain('Secret Lane');

    // No address in any list.
    for (const c of [admin, coordA, driverA])
      for (const url of [`${BASE}/tasks`, `${BASE}/requests`]) {
        const res = await call(c, 'GET', url);
        if (res.statusCode === 200) expect(res.body).not.toContain('Secret Lane');
      }
  });

  it('a failed delivery ends the driver’s access; a driver self-assigns only within the claiming organization', async () => {
    const taskId = await openTask();
    expect((await claim(coordB, taskId, f.orgB)).statusCode).toBe(200);
    expect((await assign(driverA, taskId)).statusCode).toBe(403);
    expect((await address(driverA, taskId)).statusCode).toBe(403);
    expect((await assign(driverB, taskId)).json()).toMatchObject({ status: 'assigned', driverAccountId: driverBId });
    expect((await address(driverB, taskId)).statusCode).toBe(200);
    expect((await address(coordA, taskId)).statusCode).toBe(403);
    const failed = await progress(driverB, taskId, { status: 'failed', reason: 'Nobody home' });
    expect(failed.json()).toMatchObject({ status: 'failed', failureReason: 'Nobody home' });
    expect((await address(driverB, taskId)).statusCode).toBe(403);
    expect((await progress(driverB, taskId, { status: 'delivered' })).statusCode).toBe(409);
    expect((await progress(coordB, taskId, { status: 'delivered' })).json().error.code).toBe('task_state');
    const list = (await call(driverA, 'GET', `${BASE}/tasks?status=failed`)).json().tasks as { id: string; area: object }[];
    expect(list.map((x) => x.id)).toContain(taskId);
    expect(Object.keys(list[0]).sort()).not.toContain('address');
  });
});

describe.each(DIALECTS)('care requests while sealed on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { sealed: true });
    await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('refuses a public request with 503 sealed (nothing stored in the clear), never a 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${BASE}/public-requests`, payload: requestBody() });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().error.code).toBe('sealed');
    const rows = await t.deps.database.db.selectFrom('care_requests').selectAll().execute();
    expect(rows).toEqual([]);
  });
});

describe.each(DIALECTS)('request instead of claim on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coordA: string;
  let coordB: string;
  let driverA: string;
  const call = (cookie: string, url: string, payload?: object, method: 'GET' | 'POST' = 'POST') =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    [coordA, coordB, driverA] = await Promise.all(
      (['org_coordinator', 'coordinator_b', 'driver'] as const).map((p) => signIn(t.app, f.accounts[p].email)),
    );
  });
  afterAll(() => t.close());

  it('another organization asks with a reason; the owner declines or approves, and the old driver loses the address', async () => {
    const taskId = (await call(coordA, `${BASE}/requests`, requestBody('5 Transfer Street'))).json().taskId as string;
    // Open: claim it, do not ask for it.
    expect(
      (await call(coordB, `${BASE}/tasks/${taskId}/claim-requests`, { organizationId: f.orgB, reason: 'x' })).statusCode,
    ).toBe(409);
    expect((await call(coordA, `${BASE}/tasks/${taskId}/claim`, { organizationId: f.orgA })).statusCode).toBe(200);
    expect((await call(coordA, `${BASE}/tasks/${taskId}/assign`, { driverAccountId: f.accounts.driver.id })).statusCode).toBe(
      200,
    );
    expect((await call(driverA, `${BASE}/tasks/${taskId}/address`, undefined, 'GET')).statusCode).toBe(200);

    const ask = (reason: string) => call(coordB, `${BASE}/tasks/${taskId}/claim-requests`, { organizationId: f.orgB, reason });
    expect((await call(coordB, `${BASE}/tasks/${taskId}/claim-requests`, { organizationId: f.orgB })).statusCode).toBe(400);
    expect(
      (await call(coordA, `${BASE}/tasks/${taskId}/claim-requests`, { organizationId: f.orgB, reason: 'x' })).statusCode,
    ).toBe(403);
    const first = await ask('Closer to our hub');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'pending', reason: 'Closer to our hub', organizationId: f.orgB });
    const decide = (cookie: string, id: string, decision: string) =>
      call(cookie, `${BASE}/tasks/${taskId}/claim-requests/${id}/decision`, { decision });
    // Only the owner's coordinators decide.
    expect((await decide(coordB, first.json().id, 'approve')).statusCode).toBe(403);
    expect((await decide(coordA, first.json().id, 'decline')).json().status).toBe('declined');
    expect((await decide(coordA, first.json().id, 'approve')).statusCode).toBe(409);

    const second = (await ask('Our Somali-speaking driver is free')).json();
    const approved = await decide(coordA, second.id, 'approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    const task = (await call(coordB, `${BASE}/tasks`, undefined, 'GET'))
      .json()
      .tasks.find((x: { id: string }) => x.id === taskId);
    expect(task).toMatchObject({ status: 'claimed', claimedBy: { organizationId: f.orgB }, driverAccountId: null });
    expect((await call(driverA, `${BASE}/tasks/${taskId}/address`, undefined, 'GET')).statusCode).toBe(403);
    expect((await call(coordA, `${BASE}/tasks/${taskId}/address`, undefined, 'GET')).statusCode).toBe(403);
    expect((await call(coordB, `${BASE}/tasks/${taskId}/address`, undefined, 'GET')).json().address).toBe('5 Transfer Street');
    const row = await t.deps.database.db
      .selectFrom('care_claim_requests')
      .select('reason_enc')
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(row.reason_enc).not.toContain('Somali');
  });
});
