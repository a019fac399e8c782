import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { argon2Backend } from '../../platform/auth/password.ts';
import { Keyring } from '../../platform/crypto/keyring.ts';
import { newId } from '../../platform/ids.ts';
import { insertMembership } from '../networks/index.ts';
import { createAccount } from './identity.service.ts';
import { initPassphrase } from '../../platform/crypto/key-binding.ts';
import { invalidateCaches } from '../../platform/events/cache-invalidation.ts';
import { startSession } from './sessions.ts';

describe.each(DIALECTS)('identity API on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('401: /me without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('403: a session cannot be used to revoke another account’s session', async () => {
    const a = await signIn(t.app, f.accounts.dispatcher.email);
    const b = await signIn(t.app, f.accounts.driver.email);
    const sessionsOfB = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie: b } })).json()
      .sessions;
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${sessionsOfB[0].id}`, headers: { cookie: a } });
    expect(res.statusCode).toBe(404);
    const stillThere = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: b } });
    expect(stillThere.statusCode).toBe(200);
  });

  it('400: malformed JSON, wrong types and unknown fields, in the caller’s language', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json', 'accept-language': 'so' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'malformed_json', message: 'Qoraalka codsigu ma aha JSON sax ah.' });
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 5, password: 'x' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe('validation_failed');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'a@b.co', password: 'x', admin: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('validation_failed');
  });

  it('413: an oversize body is refused with a clear code', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'a@b.co', password: 'x'.repeat(100_000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('signs in with email and password and sets a strict, HttpOnly cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: f.accounts.admin.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().networks[0]).toMatchObject({ slug: 'alpha', isAdmin: true });
    const cookie = res.cookies.find((c) => c.name === 'sb_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.value.length).toBeGreaterThanOrEqual(43);
    const stored = await t.deps.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === cookie.value)).toBe(false);
  });

  it('gives the same answer for an unknown email and a wrong password (no enumeration)', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@test.local', password: 'whatever-123' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: f.accounts.admin.email, password: 'whatever-123' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('runs one argon2 verification for an unknown email just as for a wrong password', async () => {
    const verify = vi.spyOn(argon2Backend, 'verify');
    try {
      const attempt = async (email: string) => {
        verify.mockClear();
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email, password: 'whatever-123' },
        });
        expect(res.json().error.code).toBe('invalid_credentials');
        return verify.mock.calls.length;
      };
      expect(await attempt('nobody-at-all@test.local')).toBe(1);
      expect(await attempt(f.accounts.admin.email)).toBe(1);
    } finally {
      verify.mockRestore();
    }
  });

  it('gives one person in two organizations each organization’s permissions only there', async () => {
    const db = t.deps.database.db;
    const id = await createAccount(t.deps, {
      email: 'two-hats@test.local',
      password: TEST_PASSWORD,
      displayName: 'Two hats',
      language: 'en',
    });
    const now = t.clock.now();
    await insertMembership(db, {
      id: newId(),
      networkId: f.networkId,
      organizationId: f.orgA,
      accountId: id,
      roles: ['responder'],
      status: 'active',
      now,
    });
    await insertMembership(db, {
      id: newId(),
      networkId: f.networkId,
      organizationId: f.orgB,
      accountId: id,
      roles: ['org_coordinator'],
      status: 'active',
      now,
    });
    const cookie = await signIn(t.app, 'two-hats@test.local');
    const members = (orgId: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/networks/alpha/organizations/${orgId}/members`, headers: { cookie } });
    // Coordinator of B: sees B's members and can invite to B.
    expect((await members(f.orgB)).statusCode).toBe(200);
    const inviteB = await t.app.inject({
      method: 'POST',
      url: `/api/v1/networks/alpha/organizations/${f.orgB}/invitations`,
      headers: { cookie },
      payload: { roles: ['responder'] },
    });
    expect(inviteB.statusCode).toBe(200);
    // Only a responder in A: none of that there.
    const inA = await members(f.orgA);
    expect(inA.statusCode).toBe(403);
    expect(inA.json().error.code).toBe('forbidden');
    const inviteA = await t.app.inject({
      method: 'POST',
      url: `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`,
      headers: { cookie },
      payload: { roles: ['responder'] },
    });
    expect(inviteA.statusCode).toBe(403);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json();
    const roles = Object.fromEntries(
      me.networks[0].memberships.map((m: { organizationId: string; roles: string[] }) => [m.organizationId, m.roles]),
    );
    expect(roles).toEqual({ [f.orgA]: ['responder'], [f.orgB]: ['org_coordinator'] });
  });

  it('lists and revokes one’s sessions; a revoked session stops working', async () => {
    const first = await signIn(t.app, f.accounts.trainer.email);
    const second = await signIn(t.app, f.accounts.trainer.email);
    const list = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/sessions',
        headers: { cookie: second, 'user-agent': 'Mozilla/5.0 (Linux; Android 10) Chrome/120' },
      })
    ).json();
    expect(list.sessions.length).toBeGreaterThanOrEqual(2);
    const current = list.sessions.find((s: { current: boolean }) => s.current);
    const other = list.sessions.find((s: { current: boolean }) => !s.current);
    expect(current).toBeDefined();
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${other.id}`, headers: { cookie: second } });
    expect(del.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: first } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: second } })).statusCode).toBe(200);
  });

  it('signs out', async () => {
    const c = await signIn(t.app, f.accounts.organizer.email);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: c } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: c } })).statusCode).toBe(401);
  });

  it('updates the profile and stores the phone number encrypted', async () => {
    const c = await signIn(t.app, f.accounts.driver.email);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: c },
      payload: {
        displayName: 'Pa Vang',
        language: 'hmn',
        languagesSpoken: ['hmn', 'en'],
        homeArea: '872830828ffffff',
        notificationChannels: { email: false, sms: true, push: true, phone: '+1 612 555 0100' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: 'Pa Vang',
      language: 'hmn',
      homeArea: '872830828ffffff',
      notificationChannels: { sms: true, phone: '+1 612 555 0100' },
    });
    const row = await t.deps.database.db
      .selectFrom('accounts')
      .select('phone_enc')
      .where('id', '=', f.accounts.driver.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_enc).toMatch(/^v1\./);
    expect(row.phone_enc).not.toContain('555');
    // Errors now come in the profile's language.
    const err = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: c }, payload: { language: 'xx' } });
    expect(err.json().error.message).toBe('Muaj qee yam ploj lawm los sis tsis raug. Kuaj xyuas cov uas cim tseg.');
  });

  it('changes the password, which ends other sessions', async () => {
    const keep = await signIn(t.app, f.accounts.researcher.email);
    const other = await signIn(t.app, f.accounts.researcher.email);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie: keep },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie: keep },
      payload: { currentPassword: 'nope', newPassword: 'a much longer passphrase' },
    });
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie: keep },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much longer passphrase' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: other } })).statusCode).toBe(401);
    await signIn(t.app, f.accounts.researcher.email, 'a much longer passphrase');
  });

  it('ends sessions after two idle weeks', async () => {
    const c = await signIn(t.app, f.accounts.case_worker.email);
    t.clock.advance(15 * 24 * 3600 * 1000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: c } })).statusCode).toBe(401);
  });

  it('refuses a state change from another origin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: 'https://evil.example' },
      payload: { email: f.accounts.admin.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('origin_mismatch');
  });

  it('serves /healthz and the OpenAPI document, with a strict CSP that suits plain HTTP', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
    const csp = String(health.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/networks/{slug}/organizations');
  });
});

describe.each(DIALECTS)('a sealed server on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestApp(dialect, { sealed: true });
    f = await seedFixture(t.deps);
    await t.deps.database.db
      .updateTable('accounts')
      .set({ is_deployment_admin: 1 })
      .where('id', '=', f.accounts.admin.id)
      .execute();
  });
  afterAll(() => t.close());

  it('says sealed on /healthz and lets only deployment admins sign in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'sealed' });
    const member = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: f.accounts.dispatcher.email, password: TEST_PASSWORD },
    });
    expect(member.statusCode).toBe(503);
    expect(member.json().error.code).toBe('sealed');
    await signIn(t.app, f.accounts.admin.email);
  });

  it('cannot store or read sensitive fields while sealed', async () => {
    const c = await signIn(t.app, f.accounts.admin.email);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: c },
      payload: { notificationChannels: { email: true, sms: true, push: false, phone: '+16125550100' } },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('sealed');
  });

  it('refuses every request of a session from before the restart with sealed, in the caller’s language', async () => {
    // Sessions are stored, so a coordinator's cookie outlives a restart into the sealed state.
    const cookie = await sessionCookieOf(f.accounts.org_coordinator.id);
    await t.deps.database.db
      .updateTable('accounts')
      .set({ language: 'es' })
      .where('id', '=', f.accounts.org_coordinator.id)
      .execute();
    const members = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/alpha/organizations/${f.orgA}/members`,
      headers: { cookie },
    });
    expect(members.statusCode).toBe(503);
    expect(members.json().error).toMatchObject({
      code: 'sealed',
      message: 'El servidor está bloqueado. Un administrador debe desbloquearlo primero.',
    });
    for (const [method, url] of [
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/me/sessions'],
      ['GET', '/api/v1/networks/alpha/audit'],
      ['GET', '/api/v1/no-such-route'],
      ['POST', '/api/v1/system/unseal'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: { cookie },
        ...(method === 'POST' ? { payload: { passphrase: 'x' } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(503);
      expect(res.json().error.code).toBe('sealed');
    }
    // What it may still do: ask whether the server is sealed, and sign out.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/system/seal', headers: { cookie } })).json()).toEqual({
      sealed: true,
    });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } })).statusCode).toBe(200);
  });

  it('lets a deployment admin do only what unsealing needs', async () => {
    const cookie = await signIn(t.app, f.accounts.admin.email);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    for (const url of [
      `/api/v1/networks/alpha/organizations/${f.orgA}/members`,
      '/api/v1/networks/alpha/audit',
      '/api/v1/me/sessions',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(503);
      expect(res.json().error.code).toBe('sealed');
    }
    // A stale non-admin cookie in the browser does not stop an admin signing in to unseal.
    const stale = await sessionCookieOf(f.accounts.dispatcher.id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { cookie: stale },
      payload: { email: f.accounts.admin.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
  });

  it('unseals with the passphrase, after which earlier sessions work again', async () => {
    await initPassphrase(t.deps.database.db, new Keyring(), PASSPHRASE);
    // The admin has no passkey while the network requires one: unsealing must stay open to them.
    const db = t.deps.database.db;
    const { settings } = await db
      .selectFrom('networks')
      .select('settings')
      .where('id', '=', f.networkId)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('networks')
      .set({ settings: JSON.stringify({ ...JSON.parse(settings), requirePasskeyForCoordinators: true }) })
      .where('id', '=', f.networkId)
      .execute();
    const coordinator = await sessionCookieOf(f.accounts.org_coordinator.id);
    const admin = await signIn(t.app, f.accounts.admin.email);
    const member = await t.app.inject({
      method: 'POST',
      url: '/api/v1/system/unseal',
      headers: { cookie: coordinator },
      payload: { passphrase: PASSPHRASE },
    });
    expect(member.json().error.code).toBe('sealed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/system/unseal',
      headers: { cookie: admin },
      payload: { passphrase: 'not the passphrase at all' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_key');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/system/unseal',
      headers: { cookie: admin },
      payload: { passphrase: PASSPHRASE },
    });
    expect(ok.json()).toEqual({ sealed: false });
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    // Unsealed, the passkey rule applies: the coordinator (no passkey) may only register one.
    const members = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/alpha/organizations/${f.orgA}/members`,
      headers: { cookie: coordinator },
    });
    expect(members.json().error.code).toBe('passkey_required');
    await db.updateTable('networks').set({ settings }).where('id', '=', f.networkId).execute();
    // Changed behind the server's back: tell its caches, as the settings route does.
    await invalidateCaches(t.deps, { scope: 'network', networkId: f.networkId });
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/networks/alpha/organizations/${f.orgA}/members`,
      headers: { cookie: coordinator },
    });
    expect(again.statusCode).toBe(200);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'system.unseal')
      .execute();
    expect(audit).toHaveLength(1);
  });

  /** A session as if made before the server restarted sealed (sign-in refuses non-admins now). */
  async function sessionCookieOf(accountId: string): Promise<string> {
    return `sb_session=${await startSession(t.deps, accountId, 'test', 'password')}`;
  }
});

const PASSPHRASE = 'a passphrase long enough to derive a key';

describe.each(DIALECTS)('the session cookie over HTTPS on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { PUBLIC_URL: 'https://switchboard.example' } });
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('is Secure, HttpOnly, SameSite=Strict, host-only with the __Host- prefix, and works under that name', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: f.accounts.admin.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.map((c) => c.name)).toEqual(['__Host-sb_session']);
    const cookie = res.cookies[0];
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.domain).toBeUndefined();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `__Host-sb_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    // The plain-HTTP name is not honoured here.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `sb_session=${cookie.value}` } })).statusCode,
    ).toBe(401);
  });
});

describe('sign-in rate limit', () => {
  it('refuses the 4th attempt in a minute from one source with rate_limited, and allows it again later', async () => {
    const t = await createTestApp('sqlite', { signInLimit: 3 });
    try {
      const attempt = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: 'x@test.local', password: 'guess-guess' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });
});
