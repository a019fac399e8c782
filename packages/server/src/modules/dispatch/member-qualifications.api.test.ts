import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { newId } from '../../platform/ids.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(DIALECTS)('member qualifications read on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coordinator: string;
  let admin: string;
  const url = (orgId: string) => `/api/v1/networks/alpha/organizations/${orgId}/qualifications`;
  const call = (cookie: string | undefined, method: 'GET' | 'PUT', path: string, payload?: object) =>
    t.app.inject({ method, url: path, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  type Entry = { accountId: string; manual: string[]; certified: { qualification: string; expiresAt: string | null }[] };
  const entryOf = async (cookie: string, accountId: string) =>
    ((await call(cookie, 'GET', url(f.orgA))).json() as { members: Entry[] }).members.find((m) => m.accountId === accountId);

  /** A course mapped to a dispatch qualification, stored as the training module stores it. */
  async function course(qualification: string) {
    const id = newId();
    const now = t.clock.now().toISOString();
    await t.deps.database.db
      .insertInto('training_courses')
      .values({
        id,
        network_id: f.networkId,
        key: `k-${id.slice(-8)}`,
        name: `Course ${id.slice(-8)}`,
        description: '',
        validity_months: 12,
        qualification,
        issue_on: 'attendance',
        prerequisites: '[]',
        archived: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  async function certify(accountId: string, courseId: string, expiresAt: Date | null, revoked = false) {
    const now = t.clock.now().toISOString();
    await t.deps.database.db
      .insertInto('training_certifications')
      .values({
        id: newId(),
        network_id: f.networkId,
        account_id: accountId,
        course_id: courseId,
        source: 'signoff',
        session_id: null,
        issued_by: null,
        issued_at: now,
        expires_at: expiresAt?.toISOString() ?? null,
        revoked_at: revoked ? now : null,
        revoked_by: null,
        created_at: now,
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    [coordinator, admin] = await Promise.all([f.accounts.org_coordinator, f.accounts.admin].map((a) => signIn(t.app, a.email)));
  });
  afterAll(() => t.close());

  it('401 without a session; 403 for a coordinator of another organization and for a responder', async () => {
    expect((await call(undefined, 'GET', url(f.orgA))).statusCode).toBe(401);
    expect((await call(await signIn(t.app, f.accounts.coordinator_b.email), 'GET', url(f.orgA))).statusCode).toBe(403);
    expect((await call(await signIn(t.app, f.accounts.responder.email), 'GET', url(f.orgA))).statusCode).toBe(403);
  });

  it('400 for an organization id that is not an id; 404 for an organization of another network', async () => {
    const bad = await call(admin, 'GET', url('not-an-id'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const beta = await t.deps.database.db
      .selectFrom('organizations')
      .select('id')
      .where('network_id', '!=', f.networkId)
      .executeTakeFirstOrThrow();
    expect((await call(admin, 'GET', url(beta.id))).statusCode).toBe(404);
  });

  it('lists the active members only, with none set by default', async () => {
    const res = await call(coordinator, 'GET', url(f.orgA));
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { members: Entry[] }).members.map((m) => m.accountId);
    expect(ids).toContain(f.accounts.driver.id);
    expect(ids).not.toContain(f.accounts.pending.id);
    expect(ids).not.toContain(f.accounts.coordinator_b.id);
    expect(await entryOf(coordinator, f.accounts.driver.id)).toEqual({
      accountId: f.accounts.driver.id,
      manual: [],
      certified: [],
    });
  });

  it('shows what a save set by hand, and a cleared list after clearing', async () => {
    expect(
      (
        await call(coordinator, 'PUT', `/api/v1/networks/alpha/members/${f.accounts.driver.id}/qualifications`, {
          qualifications: ['verifier'],
        })
      ).statusCode,
    ).toBe(200);
    expect((await entryOf(coordinator, f.accounts.driver.id))?.manual).toEqual(['verifier']);
    expect(
      (await call(admin, 'PUT', `/api/v1/networks/alpha/members/${f.accounts.driver.id}/qualifications`, { qualifications: [] }))
        .statusCode,
    ).toBe(200);
    expect((await entryOf(admin, f.accounts.driver.id))?.manual).toEqual([]);
  });

  it('keeps certified qualifications apart, longest-lasting first per qualification, without revoked or lapsed ones', async () => {
    const who = f.accounts.dispatcher.id;
    const now = t.clock.now().getTime();
    const verifier = await course('verifier');
    const verifier2 = await course('verifier');
    const observer = await course('legal_observer');
    const rapid = await course('rapid_responder');
    await certify(who, verifier, new Date(now + 30 * DAY));
    await certify(who, verifier2, new Date(now + 90 * DAY));
    await certify(who, observer, null);
    await certify(who, rapid, new Date(now + DAY), true);
    await call(coordinator, 'PUT', `/api/v1/networks/alpha/members/${who}/qualifications`, {
      qualifications: ['rapid_responder'],
    });
    expect(await entryOf(coordinator, who)).toEqual({
      accountId: who,
      manual: ['rapid_responder'],
      certified: [
        { qualification: 'legal_observer', expiresAt: null },
        { qualification: 'verifier', expiresAt: new Date(now + 90 * DAY).toISOString() },
      ],
    });
    t.clock.advance(91 * DAY);
    coordinator = await signIn(t.app, f.accounts.org_coordinator.email);
    expect((await entryOf(coordinator, who))?.certified).toEqual([{ qualification: 'legal_observer', expiresAt: null }]);
  });

  it('audits each read, naming the organization and no person', async () => {
    const before = await t.deps.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'responder.qualifications.read')
      .execute();
    await call(coordinator, 'GET', url(f.orgA));
    const rows = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'responder.qualifications.read')
      .orderBy('seq')
      .execute();
    expect(rows.length).toBe(before.length + 1);
    expect(rows.at(-1)).toMatchObject({
      actor_id: f.accounts.org_coordinator.id,
      target_type: 'organization',
      target_id: f.orgA,
    });
    // A refused read leaves no entry.
    await call(await signIn(t.app, f.accounts.coordinator_b.email), 'GET', url(f.orgA));
    expect(
      (
        await t.deps.database.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'responder.qualifications.read')
          .execute()
      ).length,
    ).toBe(rows.length);
  });
});
