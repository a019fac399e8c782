import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/harness/dialects.ts';
import {
  createTestApp,
  seedFixture,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type Fixture,
  type TestApp,
} from '../../../test/harness/test-app.ts';

// What @fastify/helmet 13.2 (helmet 8.3), applied per request, sent with our options before
// the headers were worked out once at start-up: the exact names (as spelled on the wire),
// values and order. Written out here so that any drift in what clients receive fails.
// font-src is 'self' alone (helmet's default also allows any https: origin and data:).
const CSP_HTTP =
  "default-src 'self';base-uri 'none';font-src 'self';form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';connect-src 'self'";
const CSP_HTTPS =
  "default-src 'self';base-uri 'none';font-src 'self';form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';upgrade-insecure-requests;connect-src 'self'";
const COMMON: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];
const HEAD: [string, string][] = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
];
const EXPECTED_HTTP: [string, string][] = [['Content-Security-Policy', CSP_HTTP], ...HEAD, ...COMMON];
const EXPECTED_HTTPS: [string, string][] = [
  ['Content-Security-Policy', CSP_HTTPS],
  ...HEAD,
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ...COMMON,
];
const SECURITY_NAMES = new Set([
  ...EXPECTED_HTTPS.map(([n]) => n.toLowerCase()),
  'x-powered-by',
  'permissions-policy',
  'cross-origin-embedder-policy',
]);

interface Sent {
  status: number;
  /** The security headers as they crossed the wire, in order. */
  security: [string, string][];
}

/** One request over a real socket; reads the status line and headers, then hangs up (streams never end). */
function send(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        const security: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (SECURITY_NAMES.has(res.rawHeaders[i].toLowerCase())) security.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        }
        resolve({ status: res.statusCode ?? 0, security });
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };
const report = JSON.stringify({
  category: 'checkpoint',
  point: { lat: 44.9486, lng: -93.2526 },
  description: 'vans at the corner',
});

const TRANSPORTS: [string, Record<string, string>, [string, string][]][] = [
  ['plain HTTP', {}, EXPECTED_HTTP],
  ['HTTPS', { PUBLIC_URL: 'https://switchboard.example.org' }, EXPECTED_HTTPS],
];

describe.each(DIALECTS.flatMap((dialect) => TRANSPORTS.map(([name, env, expected]) => [name, dialect, env, expected] as const)))(
  'security headers over %s on %s',
  (_name, dialect, env, expected) => {
    let t: TestApp;
    let f: Fixture;
    let base: string;
    let dispatcherCookie: string;
    beforeAll(async () => {
      t = await createTestApp(dialect, { env: { ...env, REPORT_LIMIT_PER_MINUTE: '2' } });
      f = await seedFixture(t.deps);
      // Over HTTPS the cookie is __Host-sb_session: take whichever the server sets.
      const signedIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: f.accounts.dispatcher.email, password: TEST_PASSWORD },
      });
      const session = signedIn.cookies.find((c) => c.name.endsWith('sb_session'));
      if (!session) throw new Error(`no session cookie (${signedIn.statusCode})`);
      dispatcherCookie = `${session.name}=${session.value}`;
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    });
    afterAll(() => t.close());

    it('are exactly what helmet sends, on every kind of answer', async () => {
      const origin = env.PUBLIC_URL ?? TEST_ORIGIN;
      const answers = {
        health: await send(base, 'GET', '/healthz'),
        page: await send(base, 'GET', `/r/${f.slug}?lang=es`),
        notFound: await send(base, 'GET', '/api/v1/nowhere'),
        created: await send(base, 'POST', `/api/v1/networks/${f.slug}/reports`, { ...json, origin }, report),
        malformed: await send(base, 'POST', `/api/v1/networks/${f.slug}/reports`, json, '{"category":'),
        crossOrigin: await send(
          base,
          'POST',
          `/api/v1/networks/${f.slug}/reports`,
          { ...json, origin: 'https://evil.example' },
          report,
        ),
        unauthenticated: await send(base, 'GET', `/api/v1/networks/${f.slug}/incidents`),
        stream: await send(base, 'GET', `/api/v1/networks/${f.slug}/dispatch/stream`, { cookie: dispatcherCookie }),
      };
      // The third report in a minute from one source is over the limit of 2.
      await send(base, 'POST', `/api/v1/networks/${f.slug}/reports`, json, report);
      const limited = await send(base, 'POST', `/api/v1/networks/${f.slug}/reports`, json, report);

      expect(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]))).toEqual({
        health: 200,
        page: 200,
        notFound: 404,
        created: 201,
        malformed: 400,
        crossOrigin: 403,
        unauthenticated: 401,
        stream: 200,
      });
      expect(limited.status).toBe(429);
      for (const [name, sent] of Object.entries({ ...answers, limited }))
        expect({ name, headers: sent.security }).toEqual({ name, headers: expected });
    });

    it('are not added to the router’s own refusals (a malformed path), as before', async () => {
      const bad = await send(base, 'GET', '/api/v1/networks/%E0%A4%A/incidents');
      expect(bad.status).toBe(400);
      expect(bad.security).toEqual([]);
    });
  },
);
