import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

// Accepting an invitation: as the signed-in person, as an existing account, and
// without letting a link holder test which emails have accounts.
describe.each(DIALECTS)('accepting invitations on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coordinatorA: string;
  let coordinatorB: string;
  const call = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });
  const newLink = async (orgId: string, roles: string[] = ['responder']) =>
    (
      await call(
        'POST',
        `/api/v1/networks/alpha/organizations/${orgId}/invitations`,
        orgId === f.orgA ? coordinatorA : coordinatorB,
        { roles },
      )
    ).json().token as string;
  const accept = (token: string, payload: object, cookie?: string) =>
    call('POST', `/api/v1/invitations/${token}/accept`, cookie, payload);
  const accountCount = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const membershipsOf = (accountId: string) =>
    t.deps.database.db
      .selectFrom('memberships')
      .select(['organization_id', 'roles'])
      .where('account_id', '=', accountId)
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    coordinatorA = await signIn(t.app, f.accounts.org_coordinator.email);
    coordinatorB = await signIn(t.app, f.accounts.coordinator_b.email);
  });
  afterAll(() => t.close());

  it('joins as the signed-in person: no new account, no form fields needed, the same session', async () => {
    const token = await newLink(f.orgA, ['driver']);
    const cookie = await signIn(t.app, f.accounts.coordinator_b.email);
    const before = await accountCount();
    const res = await accept(token, {}, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', vouchesNeeded: 0 });
    expect(res.cookies).toHaveLength(0);
    expect(await accountCount()).toBe(before);
    const orgs = (await membershipsOf(f.accounts.coordinator_b.id)).map((m) => m.organization_id).sort();
    expect(orgs).toEqual([f.orgA, f.orgB].sort());
    // Used up.
    expect((await call('GET', `/api/v1/invitations/${token}`)).statusCode).toBe(410);
  });

  it('refuses joining an organization twice while signed in, and keeps the link open', async () => {
    const token = await newLink(f.orgA);
    const cookie = await signIn(t.app, f.accounts.dispatcher.email);
    const res = await accept(token, {}, cookie);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('already_member');
    expect((await call('GET', `/api/v1/invitations/${token}`)).statusCode).toBe(200);
  });

  it('does not let a link holder probe emails: a wrong password for an existing account uses the link up', async () => {
    const token = await newLink(f.orgB);
    const before = await accountCount();
    const probe = await accept(token, { email: f.accounts.driver.email, password: 'not their password', displayName: 'Probe' });
    expect(probe.statusCode).toBe(409);
    expect(probe.json().error.code).toBe('email_taken');
    expect(probe.cookies).toHaveLength(0);
    // The link answered once; every further try, with any email, gets the same refusal.
    for (const email of [f.accounts.trainer.email, 'nobody@test.local']) {
      const again = await accept(token, { email, password: 'not their password', displayName: 'Probe' });
      expect(again.statusCode).toBe(410);
      expect(again.json().error.code).toBe('invitation_invalid');
    }
    expect(await accountCount()).toBe(before);
    expect(await membershipsOf(f.accounts.driver.id)).toHaveLength(1);
    const row = await t.deps.database.db
      .selectFrom('invitations')
      .select(['used_at', 'used_by'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    expect(row.used_at).not.toBeNull();
    expect(row.used_by).toBeNull();
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'invitation.used_up')
      .execute();
    expect(audit).toEqual([{ action: 'invitation.used_up', actor_id: null }]);
  });

  it('with the right password joins as that existing account and signs it in', async () => {
    const token = await newLink(f.orgB, ['watch_volunteer']);
    const before = await accountCount();
    const res = await accept(token, {
      email: f.accounts.trainer.email.toUpperCase(),
      password: TEST_PASSWORD,
      displayName: 'ignored',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('active'); // already vouched elsewhere in the network
    expect(await accountCount()).toBe(before);
    const cookie = `sb_session=${res.cookies.find((c) => c.name === 'sb_session')!.value}`;
    const me = (await call('GET', '/api/v1/me', cookie)).json();
    expect(me.email).toBe(f.accounts.trainer.email);
    expect(me.displayName).toBe('trainer');
    expect(me.networks[0].memberships.map((m: { organizationId: string }) => m.organizationId).sort()).toEqual(
      [f.orgA, f.orgB].sort(),
    );
  });

  it('creates a new account for a new email, as before', async () => {
    const token = await newLink(f.orgB);
    const res = await accept(token, { email: 'brand-new@test.local', password: 'a long enough password', displayName: 'New' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', vouchesNeeded: 1 });
  });
});
