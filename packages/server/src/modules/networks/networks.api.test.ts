import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { verifyAudit } from '../../platform/audit/audit.ts';

describe.each(DIALECTS)('networks API on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  let coordinator: string;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    admin = await signIn(t.app, f.accounts.admin.email);
    coordinator = await signIn(t.app, f.accounts.org_coordinator.email);
  });
  afterAll(() => t.close());

  it('401: organizations without a session', async () => {
    expect((await call('GET', '/api/v1/networks/alpha/organizations')).statusCode).toBe(401);
  });

  it('403: a coordinator cannot create organizations; a pending member cannot list them', async () => {
    const res = await call('POST', '/api/v1/networks/alpha/organizations', coordinator, {
      name: 'Sneaky',
      kind: 'formal',
      type: 'union',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    const pending = await signIn(t.app, f.accounts.pending.email);
    expect((await call('GET', '/api/v1/networks/alpha/organizations', pending)).statusCode).toBe(403);
  });

  it('400: bad organization input and bad ids', async () => {
    expect(
      (await call('POST', '/api/v1/networks/alpha/organizations', admin, { name: 'X', kind: 'formal', type: 'union' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('POST', '/api/v1/networks/alpha/organizations', admin, { name: 'Good name', kind: 'corporate', type: 'union' }))
        .statusCode,
    ).toBe(400);
    expect((await call('GET', '/api/v1/networks/alpha/organizations/not-a-uuid/members', admin)).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/networks/NO_SUCH/organizations', admin)).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/networks/no-such/organizations', admin)).statusCode).toBe(404);
  });

  it('lets an admin create an organization, audited', async () => {
    const res = await call('POST', '/api/v1/networks/alpha/organizations', admin, {
      name: 'Lake Street Mosque',
      kind: 'formal',
      type: 'mosque',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Lake Street Mosque', status: 'active', memberCount: 0 });
    const dup = await call('POST', '/api/v1/networks/alpha/organizations', admin, {
      name: 'Lake Street Mosque',
      kind: 'formal',
      type: 'mosque',
    });
    expect(dup.statusCode).toBe(409);
    const audit = (await call('GET', '/api/v1/networks/alpha/audit', admin)).json();
    expect(
      audit.entries.some(
        (e: { action: string; targetId: string }) => e.action === 'organization.create' && e.targetId === res.json().id,
      ),
    ).toBe(true);
  });

  it('admits an organization that asks to join; its requester coordinates it only once admitted', async () => {
    const asker = await signIn(t.app, f.accounts.outsider.email);
    const req = await call('POST', '/api/v1/networks/alpha/organization-requests', asker, {
      name: 'Corcoran Neighbors',
      kind: 'informal',
      type: 'block_group',
    });
    expect(req.statusCode).toBe(200);
    const orgId = req.json().id;
    expect(req.json().status).toBe('pending');
    // Pending organizations are visible to admins only.
    const seenByAdmin = (await call('GET', '/api/v1/networks/alpha/organizations', admin))
      .json()
      .organizations.map((o: { id: string }) => o.id);
    const seenByMember = (await call('GET', '/api/v1/networks/alpha/organizations', coordinator))
      .json()
      .organizations.map((o: { id: string }) => o.id);
    expect(seenByAdmin).toContain(orgId);
    expect(seenByMember).not.toContain(orgId);
    expect((await call('POST', `/api/v1/networks/alpha/organizations/${orgId}/admit`, coordinator)).statusCode).toBe(403);
    const admitted = await call('POST', `/api/v1/networks/alpha/organizations/${orgId}/admit`, admin);
    expect(admitted.json().status).toBe('active');
    expect((await call('POST', `/api/v1/networks/alpha/organizations/${orgId}/admit`, admin)).statusCode).toBe(409);
  });

  it('rejects an organization request', async () => {
    const asker = await signIn(t.app, f.accounts.driver.email);
    const orgId = (
      await call('POST', '/api/v1/networks/alpha/organization-requests', asker, {
        name: 'Fake Group',
        kind: 'informal',
        type: 'other',
      })
    ).json().id;
    expect((await call('POST', `/api/v1/networks/alpha/organizations/${orgId}/reject`, admin)).json().status).toBe('rejected');
  });

  it('updates network settings (admin only), merging retention', async () => {
    expect((await call('PATCH', '/api/v1/networks/alpha/settings', coordinator, { vouchesRequired: 2 })).statusCode).toBe(403);
    expect((await call('PATCH', '/api/v1/networks/alpha/settings', admin, { vouchesRequired: 9 })).statusCode).toBe(400);
    expect(
      (await call('PATCH', '/api/v1/networks/alpha/settings', admin, { retention: { rawReportsHours: 0 } })).statusCode,
    ).toBe(400);
    const res = await call('PATCH', '/api/v1/networks/alpha/settings', admin, {
      languages: ['es', 'en'],
      retention: { rawReportsHours: 48 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings).toMatchObject({
      languages: ['es', 'en'],
      vouchesRequired: 1,
      retention: { rawReportsHours: 48, incidentLocationDays: 7 },
    });
    expect((await call('GET', '/api/v1/networks/alpha', coordinator)).json().settings.retention.rawReportsHours).toBe(48);
  });

  it('invites by single-use link; the new member is pending until vouched, then active', async () => {
    const inv = await call('POST', `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`, coordinator, {
      roles: ['responder', 'driver'],
      expiresInHours: 48,
    });
    expect(inv.statusCode).toBe(200);
    const { token, url, id } = inv.json();
    expect(url).toBe(`http://localhost:8080/invite/${token}`);
    const stored = await t.deps.database.db
      .selectFrom('invitations')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);

    const preview = await call('GET', `/api/v1/invitations/${token}`);
    expect(preview.json()).toMatchObject({
      networkName: 'Alpha Network',
      organizationName: 'Org A',
      roles: ['responder', 'driver'],
    });

    const missing = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, { email: 'new@test.local' });
    expect(missing.statusCode).toBe(400);

    const accepted = await call('POST', `/api/v1/invitations/${token}/accept`, undefined, {
      email: 'New@Test.local',
      password: 'a long enough password',
      displayName: 'Newcomer',
      language: 'so',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'pending', vouchesNeeded: 1 });
    const newcomer = `sb_session=${accepted.cookies.find((c) => c.name === 'sb_session')!.value}`;
    const membershipId = accepted.json().membershipId;

    // Single use: a second acceptance fails, in the caller's language.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      headers: { 'accept-language': 'es' },
      payload: { email: 'other@test.local', password: 'a long enough password', displayName: 'Other' },
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toMatchObject({
      code: 'invitation_invalid',
      message: 'Este enlace de invitación ya no es válido. Pida uno nuevo.',
    });

    // Pending: sees nothing of the network.
    expect((await call('GET', '/api/v1/networks/alpha/organizations', newcomer)).statusCode).toBe(403);
    const me = (await call('GET', '/api/v1/me', newcomer)).json();
    expect(me.networks[0].memberships[0]).toMatchObject({ organizationName: 'Org A', status: 'pending' });

    // The newcomer cannot vouch for themself; a vouched member can, once.
    expect((await call('POST', `/api/v1/networks/alpha/memberships/${membershipId}/vouches`, newcomer)).statusCode).toBe(403);
    const pendingList = (await call('GET', '/api/v1/networks/alpha/pending-members', admin)).json().pending;
    expect(pendingList.find((p: { membershipId: string }) => p.membershipId === membershipId)).toMatchObject({
      displayName: 'Newcomer',
      vouches: 0,
      required: 1,
      vouchedByMe: false,
    });
    const vouch = await call('POST', `/api/v1/networks/alpha/memberships/${membershipId}/vouches`, coordinator);
    expect(vouch.json()).toEqual({ status: 'active', vouches: 1, required: 1 });
    expect((await call('POST', `/api/v1/networks/alpha/memberships/${membershipId}/vouches`, coordinator)).statusCode).toBe(409);
    expect((await call('GET', '/api/v1/networks/alpha/organizations', newcomer)).statusCode).toBe(200);
  });

  it('refuses a vouch for oneself', async () => {
    const pending = await signIn(t.app, f.accounts.pending.email);
    // A pending member is not yet a member: forbidden before the self-check.
    expect(
      (await call('POST', `/api/v1/networks/alpha/memberships/${f.accounts.pending.membershipId}/vouches`, pending)).statusCode,
    ).toBe(403);
  });

  it('needs two vouches when the network says so', async () => {
    await call('PATCH', '/api/v1/networks/alpha/settings', admin, { vouchesRequired: 2 });
    const { token } = (
      await call('POST', `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`, coordinator, {
        roles: ['watch_volunteer'],
      })
    ).json();
    const { membershipId } = (
      await call('POST', `/api/v1/invitations/${token}/accept`, undefined, {
        email: 'two@test.local',
        password: 'a long enough password',
        displayName: 'Two',
      })
    ).json();
    expect((await call('POST', `/api/v1/networks/alpha/memberships/${membershipId}/vouches`, coordinator)).json()).toMatchObject({
      status: 'pending',
      vouches: 1,
      required: 2,
    });
    expect((await call('POST', `/api/v1/networks/alpha/memberships/${membershipId}/vouches`, admin)).json()).toMatchObject({
      status: 'active',
      vouches: 2,
    });
    await call('PATCH', '/api/v1/networks/alpha/settings', admin, { vouchesRequired: 1 });
  });

  it('expires and revokes invitations', async () => {
    const expiring = (
      await call('POST', `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`, coordinator, {
        roles: ['driver'],
        expiresInHours: 1,
      })
    ).json();
    const revoked = (
      await call('POST', `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`, coordinator, { roles: ['driver'] })
    ).json();
    expect(
      (await call('DELETE', `/api/v1/networks/alpha/organizations/${f.orgA}/invitations/${revoked.id}`, coordinator)).statusCode,
    ).toBe(200);
    expect((await call('GET', `/api/v1/invitations/${revoked.token}`)).statusCode).toBe(410);
    t.clock.advance(2 * 3600 * 1000);
    expect((await call('GET', `/api/v1/invitations/${expiring.token}`)).statusCode).toBe(410);
    const states = (await call('GET', `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`, coordinator)).json()
      .invitations;
    expect(states.find((i: { id: string }) => i.id === expiring.id).state).toBe('expired');
    expect(states.find((i: { id: string }) => i.id === revoked.id).state).toBe('revoked');
    expect(JSON.stringify(states)).not.toContain(expiring.token);
  });

  it('a coordinator of another organization cannot manage this one', async () => {
    const other = await signIn(t.app, f.accounts.coordinator_b.email);
    expect((await call('GET', `/api/v1/networks/alpha/organizations/${f.orgA}/members`, other)).statusCode).toBe(403);
    expect(
      (await call('POST', `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`, other, { roles: ['driver'] })).statusCode,
    ).toBe(403);
    expect(
      (
        await call('PUT', `/api/v1/networks/alpha/memberships/${f.accounts.driver.membershipId}/roles`, other, {
          roles: ['dispatcher'],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('assigns roles, lists members (an audited read) and removes a member', async () => {
    const roles = await call('PUT', `/api/v1/networks/alpha/memberships/${f.accounts.driver.membershipId}/roles`, coordinator, {
      roles: ['driver', 'responder'],
    });
    expect(roles.statusCode).toBe(200);
    expect(roles.json().roles).toEqual(['driver', 'responder']);
    expect(
      (
        await call('PUT', `/api/v1/networks/alpha/memberships/${f.accounts.driver.membershipId}/roles`, coordinator, {
          roles: ['network_admin'],
        })
      ).statusCode,
    ).toBe(400);

    const before = await t.deps.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'member.list.read')
      .execute();
    const members = (await call('GET', `/api/v1/networks/alpha/organizations/${f.orgA}/members`, coordinator)).json().members;
    expect(members.find((m: { accountId: string }) => m.accountId === f.accounts.driver.id)).toMatchObject({
      email: 'driver@test.local',
      status: 'active',
    });
    const after = await t.deps.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'member.list.read')
      .execute();
    expect(after.length).toBe(before.length + 1);

    const researcher = await signIn(t.app, f.accounts.researcher.email);
    expect((await call('GET', '/api/v1/networks/alpha/organizations', researcher)).statusCode).toBe(200);
    expect(
      (await call('DELETE', `/api/v1/networks/alpha/memberships/${f.accounts.researcher.membershipId}`, coordinator)).statusCode,
    ).toBe(200);
    expect((await call('GET', '/api/v1/networks/alpha/organizations', researcher)).statusCode).toBe(403);
    expect(
      (await call('DELETE', `/api/v1/networks/alpha/memberships/${f.accounts.researcher.membershipId}`, coordinator)).statusCode,
    ).toBe(404);
  });

  it('keeps the audit chain intact through all of the above', async () => {
    const result = await verifyAudit(t.deps.database.db);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThan(10);
  });
});
