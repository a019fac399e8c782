import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { SoftAuthenticator } from '../../../test/harness/soft-authenticator.ts';
import {
  createTestApp,
  seedFixture,
  signIn,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type Fixture,
  type TestApp,
} from '../../../test/harness/test-app.ts';

describe.each(DIALECTS)('passkeys on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  // The coordinator's authenticator, registered in the first test and used again later.
  let coordinatorKey: SoftAuthenticator;
  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });

  async function register(cookie: string, authenticator: SoftAuthenticator) {
    const { challengeId, options } = (await post('/api/v1/me/passkeys/options', { name: 'my phone' }, cookie)).json();
    return post('/api/v1/me/passkeys/verify', { challengeId, response: authenticator.create(options) }, cookie);
  }
  async function passkeySignIn(authenticator: SoftAuthenticator, email?: string) {
    const { challengeId, options } = (await post('/api/v1/auth/passkeys/sign-in/options', email ? { email } : {})).json();
    return post('/api/v1/auth/passkeys/sign-in/verify', { challengeId, response: authenticator.get(options, 'localhost') });
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('401: registering a passkey needs a session', async () => {
    expect((await post('/api/v1/me/passkeys/options', { name: 'x' })).statusCode).toBe(401);
  });

  it('400: a bad registration response is refused with passkey_failed', async () => {
    const cookie = await signIn(t.app, f.accounts.dispatcher.email);
    const { challengeId } = (await post('/api/v1/me/passkeys/options', { name: 'x' }, cookie)).json();
    const res = await post('/api/v1/me/passkeys/verify', { challengeId, response: { id: 'nope', type: 'public-key' } }, cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('passkey_failed');
    expect((await post('/api/v1/me/passkeys/options', { name: '' }, cookie)).statusCode).toBe(400);
  });

  it('registers a passkey and signs in with it, once per challenge', async () => {
    const cookie = await signIn(t.app, f.accounts.org_coordinator.email);
    const key = new SoftAuthenticator(TEST_ORIGIN);
    coordinatorKey = key;
    expect((await register(cookie, key)).statusCode).toBe(200);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/me/passkeys', headers: { cookie } })).json();
    expect(list.passkeys).toHaveLength(1);
    expect(list.passkeys[0].name).toBe('my phone');

    const res = await passkeySignIn(key, f.accounts.org_coordinator.email);
    expect(res.statusCode).toBe(200);
    expect(res.json().email).toBe(f.accounts.org_coordinator.email);
    expect(res.cookies.some((c) => c.name === 'sb_session')).toBe(true);

    // Discoverable: no email needed.
    expect((await passkeySignIn(key)).statusCode).toBe(200);

    // A replayed assertion (same challenge) is refused.
    const { challengeId, options } = (await post('/api/v1/auth/passkeys/sign-in/options', {})).json();
    const assertion = key.get(options, 'localhost');
    expect((await post('/api/v1/auth/passkeys/sign-in/verify', { challengeId, response: assertion })).statusCode).toBe(200);
    expect((await post('/api/v1/auth/passkeys/sign-in/verify', { challengeId, response: assertion })).statusCode).toBe(401);
  });

  it('refuses an assertion from an unregistered authenticator or for another origin', async () => {
    expect((await passkeySignIn(new SoftAuthenticator(TEST_ORIGIN))).json().error.code).toBe('passkey_failed');
    const cookie = await signIn(t.app, f.accounts.trainer.email);
    const phishing = new SoftAuthenticator('https://evil.example');
    expect((await register(cookie, phishing)).statusCode).toBe(400);
  });

  it('requires a passkey for coordinators and admins once the network says so and they have one', async () => {
    const settings = (cookie: string, on: boolean) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/v1/networks/alpha/settings',
        headers: { cookie },
        payload: { requirePasskeyForCoordinators: on },
      });
    const admin = await signIn(t.app, f.accounts.admin.email);
    // From a password session the rule would lock out the admin switching it on.
    const early = await settings(admin, true);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('passkey_first');
    // The coordinator (a passkey since the test above) still signs in with a password while it is off.
    const coordinatorBefore = await signIn(t.app, f.accounts.org_coordinator.email);
    // The admin's first passkey makes their password session a passkey session (decision 0003).
    expect((await register(admin, new SoftAuthenticator(TEST_ORIGIN))).statusCode).toBe(200);
    expect((await settings(admin, true)).statusCode).toBe(200);

    // The coordinator has a passkey: password sign-in is now refused.
    const pw = await post('/api/v1/auth/sign-in', { email: f.accounts.org_coordinator.email, password: TEST_PASSWORD });
    expect(pw.statusCode).toBe(401);
    expect(pw.json().error.code).toBe('passkey_required');
    // Their password session from before the switch may now only look after their account...
    const members = `/api/v1/networks/alpha/organizations/${f.orgA}/members`;
    const stale = await t.app.inject({ method: 'GET', url: members, headers: { cookie: coordinatorBefore } });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('passkey_required');
    // ...and registering yet another passkey there does not make it a passkey session.
    expect((await register(coordinatorBefore, new SoftAuthenticator(TEST_ORIGIN))).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: members, headers: { cookie: coordinatorBefore } })).statusCode).toBe(403);
    // Signed in with their passkey, they do their work.
    const viaKey = await passkeySignIn(coordinatorKey);
    const keyCookie = viaKey.cookies.filter((c) => c.name === 'sb_session').map((c) => `${c.name}=${c.value}`)[0];
    expect((await t.app.inject({ method: 'GET', url: members, headers: { cookie: keyCookie } })).statusCode).toBe(200);
    // Other roles are unaffected.
    expect((await post('/api/v1/auth/sign-in', { email: f.accounts.driver.email, password: TEST_PASSWORD })).statusCode).toBe(
      200,
    );
    // The admin, in their (now passkey) session, can switch it off again.
    expect((await settings(admin, false)).statusCode).toBe(200);
  });

  it('removes a passkey', async () => {
    const cookie = await signIn(t.app, f.accounts.legal_observer.email);
    const key = new SoftAuthenticator(TEST_ORIGIN);
    await register(cookie, key);
    const [pk] = (await t.app.inject({ method: 'GET', url: '/api/v1/me/passkeys', headers: { cookie } })).json().passkeys;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/passkeys/${pk.id}`, headers: { cookie } })).statusCode).toBe(
      200,
    );
    expect((await passkeySignIn(key)).statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('the passkey requirement on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let admin: string;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });

  async function register(cookie: string, authenticator: SoftAuthenticator, name = 'my phone') {
    const { challengeId, options } = (await call('POST', '/api/v1/me/passkeys/options', cookie, { name })).json();
    return call('POST', '/api/v1/me/passkeys/verify', cookie, { challengeId, response: authenticator.create(options) });
  }
  const myPasskeys = async (cookie: string) =>
    (await call('GET', '/api/v1/me/passkeys', cookie)).json().passkeys as { id: string; name: string }[];
  const setRequired = (on: boolean) =>
    call('PATCH', '/api/v1/networks/alpha/settings', admin, { requirePasskeyForCoordinators: on });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    // The admin registers a passkey first, so switching the requirement on does not limit them.
    admin = await signIn(t.app, f.accounts.admin.email);
    expect((await register(admin, new SoftAuthenticator(TEST_ORIGIN))).statusCode).toBe(200);
    expect((await setRequired(true)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('limits a password session without a passkey to registering one, then lifts the limit', async () => {
    const cookie = await signIn(t.app, f.accounts.coordinator_b.email);
    const members = `/api/v1/networks/alpha/organizations/${f.orgB}/members`;
    const refused = await call('GET', members, cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'passkey_required',
      message: 'Your role requires signing in with a passkey.',
    });
    const invite = await call('POST', `/api/v1/networks/alpha/organizations/${f.orgB}/invitations`, cookie, {
      roles: ['responder'],
    });
    expect(invite.json().error.code).toBe('passkey_required');
    expect((await call('GET', '/api/v1/networks/alpha', cookie)).statusCode).toBe(403);
    // What the web needs to send them to the passkeys page, and to register one.
    const me = (await call('GET', '/api/v1/me', cookie)).json();
    expect(me.passkeyRequired).toBe(true);
    expect(await myPasskeys(cookie)).toEqual([]);
    expect((await register(cookie, new SoftAuthenticator(TEST_ORIGIN))).statusCode).toBe(200);
    expect((await call('GET', members, cookie)).statusCode).toBe(200);
  });

  it('refuses to remove the last passkey while it is required, allows it once another exists', async () => {
    const cookie = await signIn(t.app, f.accounts.org_coordinator.email);
    expect((await register(cookie, new SoftAuthenticator(TEST_ORIGIN), 'first')).statusCode).toBe(200);
    const [first] = await myPasskeys(cookie);
    const last = await call('DELETE', `/api/v1/me/passkeys/${first.id}`, cookie);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('last_passkey');
    expect(await myPasskeys(cookie)).toHaveLength(1);
    // The hole the audit found: with the passkey gone, password sign-in gave full access.
    expect(
      (
        await call('POST', '/api/v1/auth/sign-in', undefined, {
          email: f.accounts.org_coordinator.email,
          password: TEST_PASSWORD,
        })
      ).json().error.code,
    ).toBe('passkey_required');

    expect((await register(cookie, new SoftAuthenticator(TEST_ORIGIN), 'second')).statusCode).toBe(200);
    expect((await call('DELETE', `/api/v1/me/passkeys/${first.id}`, cookie)).statusCode).toBe(200);
    const [second] = await myPasskeys(cookie);
    expect(second.name).toBe('second');
    expect((await call('DELETE', `/api/v1/me/passkeys/${second.id}`, cookie)).json().error.code).toBe('last_passkey');
    // Someone else's passkey id is still just not found.
    expect((await call('DELETE', `/api/v1/me/passkeys/${second.id}`, admin)).statusCode).toBe(404);
  });

  it('leaves people whose role needs no passkey alone, and lifts both rules when switched off', async () => {
    const driver = await signIn(t.app, f.accounts.driver.email);
    expect((await call('GET', '/api/v1/networks/alpha', driver)).statusCode).toBe(200);
    expect((await setRequired(false)).statusCode).toBe(200);
    const cookie = await signIn(t.app, f.accounts.org_coordinator.email);
    const [only] = await myPasskeys(cookie);
    expect((await call('DELETE', `/api/v1/me/passkeys/${only.id}`, cookie)).statusCode).toBe(200);
  });

  it('answers passkey sign-in options the same for an account with passkeys and an unknown email', async () => {
    const known = (
      await call('POST', '/api/v1/auth/passkeys/sign-in/options', undefined, { email: f.accounts.admin.email })
    ).json();
    const unknown = (
      await call('POST', '/api/v1/auth/passkeys/sign-in/options', undefined, { email: 'nobody@test.local' })
    ).json();
    const none = (await call('POST', '/api/v1/auth/passkeys/sign-in/options', undefined, {})).json();
    for (const r of [known, unknown, none]) expect(r.options.allowCredentials ?? []).toEqual([]);
    const shape = (o: Record<string, unknown>) => ({ ...o, challenge: typeof o.challenge });
    expect(shape(known.options)).toEqual(shape(unknown.options));
    expect(shape(known.options)).toEqual(shape(none.options));
  });
});
