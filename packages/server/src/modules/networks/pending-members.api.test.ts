import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

// Vouchers must be able to tell who they vouch for: email, inviter and organization, not just a first name.
describe.each(DIALECTS)('pending members for vouchers on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let coordinator: string;
  let membershipId: string;
  const call = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const readsAudited = async () =>
    (await t.deps.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'pending.list.read').execute()).length;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    coordinator = await signIn(t.app, f.accounts.org_coordinator.email);
    const { token } = (
      await call('POST', `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`, coordinator, { roles: ['responder'] })
    ).json();
    const accepted = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, {
      email: 'Maryan@Test.local',
      password: 'a long enough password',
      displayName: 'Maryan',
    });
    expect(accepted.statusCode).toBe(200);
    membershipId = accepted.json().membershipId;
  });
  afterAll(() => t.close());

  it('shows a voucher the email, the inviter and the organization, and audits the read', async () => {
    const voucher = await signIn(t.app, f.accounts.responder.email);
    const before = await readsAudited();
    const res = await call('GET', '/api/v1/networks/alpha/pending-members', voucher);
    expect(res.statusCode).toBe(200);
    const pending = res.json().pending as { membershipId: string }[];
    expect(pending.find((p) => p.membershipId === membershipId)).toEqual({
      membershipId,
      displayName: 'Maryan',
      email: 'maryan@test.local',
      invitedByName: 'org_coordinator',
      organizationName: 'Org A',
      vouches: 0,
      required: 1,
      vouchedByMe: false,
    });
    // The fixture's pending member came in without an invitation.
    expect(pending.find((p) => p.membershipId === f.accounts.pending.membershipId)).toMatchObject({
      email: 'pending@test.local',
      invitedByName: null,
    });
    expect(await readsAudited()).toBe(before + 1);
  });

  it('refuses people outside the network and pending members, and audits nothing for them', async () => {
    const before = await readsAudited();
    const outsider = await signIn(t.app, f.accounts.outsider.email);
    expect([403, 404]).toContain((await call('GET', '/api/v1/networks/alpha/pending-members', outsider)).statusCode);
    const pending = await signIn(t.app, f.accounts.pending.email);
    expect((await call('GET', '/api/v1/networks/alpha/pending-members', pending)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/networks/alpha/pending-members')).statusCode).toBe(401);
    expect(await readsAudited()).toBe(before);
  });
});
