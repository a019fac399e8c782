import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from '../../../test/harness/dialects.ts';
import { createTestApp, seedFixture, signIn, type Fixture, type TestApp } from '../../../test/harness/test-app.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { wireModules } from '../../modules.ts';
import { fakeClock } from '../../platform/clock.ts';
import { Keyring } from '../../platform/crypto/keyring.ts';
import { createEventBus } from '../../platform/events/event-bus.ts';

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

// A reporter checks on a report by its receipt code, and learns where it stands and nothing else.
describe.each(DIALECTS)('receipt status look-up on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const lookUp = (code: unknown, slug = 'alpha') =>
    t.app.inject({ method: 'POST', url: `/api/v1/networks/${slug}/receipt-status`, payload: { code } });
  const lookUpPage = (code: string, lang = 'en') =>
    t.app.inject({ method: 'POST', url: `/r/alpha/status?lang=${lang}`, ...form({ lang, code }) });
  const fileReport = async (slug = 'alpha') => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/r/${slug}`,
      ...form({ lang: 'en', category: 'checkpoint', where: 'Lake St & Chicago Ave' }),
    });
    expect(res.statusCode).toBe(200);
    return /id="receipt-code">([^<]+)</.exec(res.body)![1]!;
  };
  const setStatus = async (code: string, status: string) => {
    const report = await t.deps.database.db
      .selectFrom('reports')
      .select('incident_id')
      .where('receipt_code', '=', code)
      .executeTakeFirstOrThrow();
    await t.deps.database.db.updateTable('incidents').set({ status }).where('id', '=', report.incident_id!).execute();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  it('400: a body that is not a code field at all is refused; 404 for an unknown network', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/receipt-status', payload: {} })).statusCode).toBe(
      400,
    );
    expect((await lookUp(123)).statusCode).toBe(400);
    expect((await lookUp('K7QF-2MXA', 'nowhere')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/r/nowhere/status' })).statusCode).toBe(404);
  });

  it('maps every incident status to the four a reporter sees, and the JSON says nothing more', async () => {
    const code = await fileReport();
    const first = await lookUp(code);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'received' });
    const expected = {
      new: 'received',
      verifying: 'checking',
      unconfirmed: 'checking',
      verified: 'verified',
      false_alarm: 'closed',
      resolved: 'closed',
    };
    for (const [status, shown] of Object.entries(expected)) {
      await setStatus(code, status);
      const res = await lookUp(code);
      expect(res.json(), status).toEqual({ status: shown });
    }
  });

  it('reads a code typed in lower case, with spaces, or with O and I for 0 and 1', async () => {
    const code = await fileReport();
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    expect((await lookUp(typed)).json()).toEqual({ status: 'received' });
    expect((await lookUp(code.replace('-', ''))).json()).toEqual({ status: 'received' });
    const lookalike = code.replace(/0/g, 'O').replace(/1/g, 'I');
    expect((await lookUp(lookalike)).json()).toEqual({ status: 'received' });
  });

  it('answers an unknown, a malformed and another network’s code alike', async () => {
    const betaCode = await fileReport('beta');
    const answers = await Promise.all(['ZZZZ-ZZZZ', 'not a code', '', 'K7QF-2MXA-9', betaCode].map((c) => lookUp(c)));
    for (const res of answers) expect(res.statusCode).toBe(404);
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    expect(answers[0]!.json().error.code).toBe('not_found');
  });

  it('the page works without script in every language, Arabic right to left, with the quick exit', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/r/alpha/status?lang=ar' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(res.body).toContain('class="exit"');
    expect(res.body).toMatch(/<form class="lookup" method="post" action="\/r\/alpha\/status\?lang=ar"/);
    expect(res.body).toContain('<label class="f" for="f-code">رمزك</label>');
    for (const lang of ['en', 'es', 'so', 'hmn', 'ar'])
      expect((await t.app.inject({ method: 'GET', url: `/r/alpha/status?lang=${lang}` })).body).toContain(`hreflang="${lang}"`);
  });

  it('the page says where a report stands in words, and an unknown or malformed code gets one calm answer', async () => {
    const code = await fileReport();
    await setStatus(code, 'verifying');
    const checking = await lookUpPage(code, 'es');
    expect(checking.statusCode).toBe(200);
    expect(checking.body).toContain('En revisión.');
    // The code is not written back into the page a shared phone keeps showing.
    expect(checking.body).not.toContain(code);

    const unknown = await lookUpPage('ZZZZ-ZZZZ');
    const malformed = await lookUpPage('<script>');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('There is no report with this code.');
    expect(malformed.body).toBe(unknown.body);
  });

  it('the receipt links to the status page and to alerts for the area', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/r/alpha',
      ...form({ lang: 'so', category: 'checkpoint', where: 'Lake St & Chicago Ave' }),
    });
    expect(res.body).toContain('<a href="/r/alpha/status?lang=so">Hadhow hubi warbixintan</a>');
    expect(res.body).toContain('<a href="/n/alpha/alerts">Hel digniinaha aaggan</a>');
    // No hotline set: none shown.
    expect(res.body).not.toContain('href="tel:');
  });

  it('the receipt gives the network’s hotline number once an admin sets it', async () => {
    const admin = await signIn(t.app, f.accounts.admin.email);
    const set = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/networks/alpha/settings',
      headers: { cookie: admin },
      payload: { rapidResponse: { hotlineNumber: '+16125550100' } },
    });
    expect(set.statusCode, set.body).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/r/alpha',
      ...form({ lang: 'es', category: 'checkpoint', where: 'Lake St & Chicago Ave' }),
    });
    expect(res.body).toContain('La línea de emergencia: <a href="tel:+16125550100" dir="ltr">+16125550100</a>');
  });
});

describe.each(DIALECTS)('receipt look-ups are limited per source and never logged on %s', (dialect) => {
  it('answers 429 past the per-source limit, in JSON and in words', async () => {
    const t = await createTestApp(dialect, { env: { REPORT_LIMIT_PER_MINUTE: '2' } });
    try {
      await seedFixture(t.deps);
      const json = () =>
        t.app.inject({ method: 'POST', url: '/api/v1/networks/alpha/receipt-status', payload: { code: 'ZZZZ-ZZZZ' } });
      expect((await json()).statusCode).toBe(404);
      expect((await json()).statusCode).toBe(404);
      const limited = await json();
      expect(limited.statusCode).toBe(429);
      const page = () => t.app.inject({ method: 'POST', url: '/r/alpha/status?lang=en', ...form({ lang: 'en', code: 'x' }) });
      expect((await page()).statusCode).toBe(200);
      expect((await page()).statusCode).toBe(200);
      const limitedPage = await page();
      expect(limitedPage.statusCode).toBe(429);
      expect(limitedPage.body).toContain('Too many checks came from this connection.');
    } finally {
      await t.close();
    }
  });

  it('writes neither the code nor the address to the log', async () => {
    const db = await createTestDatabase(dialect);
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'debug', TRUST_PROXY: '1', REPORT_LIMIT_PER_MINUTE: '1000' });
    const keyring = new Keyring(randomBytes(32));
    const events = await createEventBus(db.database, keyring);
    const deps = {
      config,
      database: db.database,
      keyring,
      clock: fakeClock(),
      events,
      wiring: wireModules(),
    };
    const app = await buildApp(deps, { logger: { stream } });
    try {
      await seedFixture(deps);
      const headers = { 'x-forwarded-for': '203.0.113.77' };
      const filed = await app.inject({
        method: 'POST',
        url: '/r/alpha',
        remoteAddress: '198.51.100.9',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ lang: 'en', category: 'other', where: 'Lake St' }).toString(),
      });
      const code = /id="receipt-code">([^<]+)</.exec(filed.body)![1]!;
      const json = await app.inject({
        method: 'POST',
        url: '/api/v1/networks/alpha/receipt-status',
        remoteAddress: '198.51.100.9',
        headers,
        payload: { code },
      });
      expect(json.json()).toEqual({ status: 'received' });
      await app.inject({
        method: 'POST',
        url: '/r/alpha/status',
        remoteAddress: '198.51.100.9',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ code: 'QQQQ-WWWW' }).toString(),
      });
      const log = lines.join('\n');
      expect(lines.filter((l) => JSON.parse(l).msg === 'request').length).toBeGreaterThanOrEqual(3);
      for (const secret of [code, code.replace('-', ''), 'QQQQ-WWWW', '203.0.113.77', '198.51.100.9'])
        expect(log).not.toContain(secret);
    } finally {
      await app.close();
      await events.close();
      await db.drop();
    }
  });
});
