import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedFixture, signIn, TEST_PASSWORD, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { DIALECTS } from '../../../test/harness/dialects.ts';

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
    const sessionsOfB = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie: b } })).json().sessions;
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${sessionsOfB[0].id}`, headers: { cookie: a } });
    expect(res.statusCode).toBe(404);
    const stillThere = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: b } });
    expect(stillThere.statusCode).toBe(200);
  });

  it('400: malformed JSON, wrong types and unknown fields, in the caller’s language', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { 'content-type': 'application/json', 'accept-language': 'so' }, payload: '{"email":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'malformed_json', message: 'Qoraalka codsigu ma aha JSON sax ah.' });
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 5, password: 'x' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe('validation_failed');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'a@b.co', password: 'x', admin: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('validation_failed');
  });

  it('413: an oversize body is refused with a clear code', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'a@b.co', password: 'x'.repeat(100_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('signs in with email and password and sets a strict, HttpOnly cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: f.accounts.admin.email.toUpperCase(), password: TEST_PASSWORD } });
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
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nobody@test.local', password: 'whatever-123' } });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: f.accounts.admin.email, password: 'whatever-123' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('lists and revokes one’s sessions; a revoked session stops working', async () => {
    const first = await signIn(t.app, f.accounts.trainer.email);
    const second = await signIn(t.app, f.accounts.trainer.email);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie: second, 'user-agent': 'Mozilla/5.0 (Linux; Android 10) Chrome/120' } })).json();
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
    expect(res.json()).toMatchObject({ displayName: 'Pa Vang', language: 'hmn', homeArea: '872830828ffffff', notificationChannels: { sms: true, phone: '+1 612 555 0100' } });
    const row = await t.deps.database.db.selectFrom('accounts').select('phone_enc').where('id', '=', f.accounts.driver.id).executeTakeFirstOrThrow();
    expect(row.phone_enc).toMatch(/^v1\./);
    expect(row.phone_enc).not.toContain('555');
    // Errors now come in the profile's language.
    const err = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: c }, payload: { language: 'xx' } });
    expect(err.json().error.message).toBe('Muaj qee yam ploj lawm los sis tsis raug. Kuaj xyuas cov uas cim tseg.');
  });

  it('changes the password, which ends other sessions', async () => {
    const keep = await signIn(t.app, f.accounts.researcher.email);
    const other = await signIn(t.app, f.accounts.researcher.email);
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { cookie: keep }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { cookie: keep }, payload: { currentPassword: 'nope', newPassword: 'a much longer passphrase' } });
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { cookie: keep }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much longer passphrase' } });
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
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { origin: 'https://evil.example' }, payload: { email: f.accounts.admin.email, password: TEST_PASSWORD } });
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
    await t.deps.database.db.updateTable('accounts').set({ is_deployment_admin: 1 }).where('id', '=', f.accounts.admin.id).execute();
  });
  afterAll(() => t.close());

  it('says sealed on /healthz and lets only deployment admins sign in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'sealed' });
    const member = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: f.accounts.dispatcher.email, password: TEST_PASSWORD } });
    expect(member.statusCode).toBe(503);
    expect(member.json().error.code).toBe('sealed');
    await signIn(t.app, f.accounts.admin.email);
  });

  it('cannot store or read sensitive fields while sealed', async () => {
    const c = await signIn(t.app, f.accounts.admin.email);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: c }, payload: { notificationChannels: { email: true, sms: true, push: false, phone: '+16125550100' } } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('sealed');
  });
});

describe('sign-in rate limit', () => {
  it('refuses the 4th attempt in a minute from one source with rate_limited, and allows it again later', async () => {
    const t = await createTestApp('sqlite', { signInLimit: 3 });
    try {
      const attempt = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'x@test.local', password: 'guess-guess' } });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });
});
