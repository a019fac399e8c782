import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import { SoftAuthenticator } from '../../../test/harness/soft-authenticator.ts';
import { createTestApp, seedFixture, signIn, TEST_ORIGIN, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';

describe.each(DIALECTS)('passkeys on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const post = (url: string, payload: object, cookie?: string) => t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });

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
    const admin = await signIn(t.app, f.accounts.admin.email);
    await t.app.inject({ method: 'PATCH', url: '/api/v1/networks/alpha/settings', headers: { cookie: admin }, payload: { requirePasskeyForCoordinators: true } });
    // The coordinator registered a passkey above: password sign-in is now refused.
    const pw = await post('/api/v1/auth/sign-in', { email: f.accounts.org_coordinator.email, password: TEST_PASSWORD });
    expect(pw.statusCode).toBe(401);
    expect(pw.json().error.code).toBe('passkey_required');
    // The admin has none yet: may sign in with a password, and is told a passkey is required.
    const adminMe = await post('/api/v1/auth/sign-in', { email: f.accounts.admin.email, password: TEST_PASSWORD });
    expect(adminMe.json().passkeyRequired).toBe(true);
    // Other roles are unaffected.
    expect((await post('/api/v1/auth/sign-in', { email: f.accounts.driver.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    await t.app.inject({ method: 'PATCH', url: '/api/v1/networks/alpha/settings', headers: { cookie: admin }, payload: { requirePasskeyForCoordinators: false } });
  });

  it('removes a passkey', async () => {
    const cookie = await signIn(t.app, f.accounts.legal_observer.email);
    const key = new SoftAuthenticator(TEST_ORIGIN);
    await register(cookie, key);
    const [pk] = (await t.app.inject({ method: 'GET', url: '/api/v1/me/passkeys', headers: { cookie } })).json().passkeys;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/passkeys/${pk.id}`, headers: { cookie } })).statusCode).toBe(200);
    expect((await passkeySignIn(key)).statusCode).toBe(401);
  });
});
