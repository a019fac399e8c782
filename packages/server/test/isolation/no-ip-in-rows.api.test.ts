import { createHash } from 'node:crypto';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFromOutbox } from '../../src/modules/alerts/alerts.test-kit.ts';
import { twilioSignature } from '../../src/modules/public-intake/twilio-signature.ts';
import { encryptedColumns } from '../../src/modules.ts';
import { DIALECTS } from '../harness/dialects.ts';
import { createTestApp, seedFixture, TEST_ORIGIN, TEST_PASSWORD, type Fixture, type TestApp } from '../harness/test-app.ts';

/**
 * The threat model keeps no IP address in any row. Behind a trusted proxy, with a
 * distinctive client address in X-Forwarded-For (IPv4 and IPv6) and another as the
 * proxy's own address, drive the requests that write rows — sign-in, a public report by
 * form and by API, an SMS, an alert subscription and its confirmation, a dispatcher's and
 * a responder's actions — then read every column of every table (encrypted ones
 * decrypted) and look for any of those addresses in any of their common spellings.
 */

const CLIENT_V4 = '203.0.113.199';
const PROXY_V4 = '198.51.100.23';
const CLIENT_V6 = '2001:db8:7e57:cafe::1d';
const AUTH_TOKEN = 'twilio-test-auth-token-0123456789';
const SCENE = { lat: 44.9486, lng: -93.2526 };

/** The spellings an address takes when code stores it: dotted, IPv4-mapped, integer, hex, reversed, expanded IPv6, and bare hashes of each. */
function spellings(ip: string): string[] {
  const out = new Set<string>([ip]);
  if (ip.includes('.')) {
    const parts = ip.split('.').map(Number);
    const n = parts.reduce((a, p) => a * 256 + p, 0);
    out.add(`::ffff:${ip}`);
    out.add(String(n));
    out.add(n.toString(16).padStart(8, '0'));
    out.add([...parts].reverse().join('.'));
  } else {
    const [head, tail] = ip.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    out.add(groups.map((g) => g.padStart(4, '0')).join(':'));
    out.add(groups.map((g) => g.padStart(4, '0')).join(''));
    out.add(groups.map((g) => g.replace(/^0+(?=.)/, '')).join(':'));
  }
  for (const s of [...out]) {
    out.add(createHash('sha256').update(s).digest('hex'));
    out.add(createHash('sha256').update(s).digest('base64url'));
  }
  return [...out];
}

const NEEDLES = [CLIENT_V4, PROXY_V4, CLIENT_V6].flatMap(spellings).map((s) => s.toLowerCase());

describe.each(DIALECTS)('no IP address in any row on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;

  /** A request as it reaches the app through the proxy: the client's address in X-Forwarded-For. */
  const via =
    (client: string) =>
    async (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
      url: string,
      opts: { cookie?: string; payload?: object | string | Buffer; headers?: Record<string, string> } = {},
    ) =>
      t.app.inject({
        method,
        url,
        remoteAddress: PROXY_V4,
        headers: {
          'x-forwarded-for': client,
          'user-agent': 'no-ip-test',
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...opts.headers,
        },
        ...(opts.payload === undefined ? {} : { payload: opts.payload }),
      });

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      env: { TRUST_PROXY: '1', TWILIO_ACCOUNT_SID: 'AC0123', TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+16125550000' },
    });
    f = await seedFixture(t.deps);
  });
  afterAll(() => t.close());

  async function signInVia(client: string, email: string): Promise<string> {
    const res = await via(client)('POST', '/api/v1/auth/sign-in', { payload: { email, password: TEST_PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name.endsWith('sb_session'))!;
    return `${cookie.name}=${cookie.value}`;
  }

  /** Every value of every table as text, with encrypted columns decrypted, tagged by where it came from. */
  async function everyValue(): Promise<{ where: string; text: string }[]> {
    const db = t.deps.database.db;
    const out: { where: string; text: string }[] = [];
    const encrypted = new Map(encryptedColumns().map((c) => [`${c.table}.${c.column}`, c.purpose] as const));
    const tables = await db.introspection.getTables();
    expect(tables.length).toBeGreaterThan(20);
    for (const table of tables) {
      // biome-ignore lint: table names come from the database's own catalogue.
      const rows = (await (db as any).selectFrom(table.name).selectAll().execute()) as Record<string, unknown>[];
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (value === null || value === undefined) continue;
          const text = Buffer.isBuffer(value)
            ? value.toString('latin1')
            : value instanceof Date
              ? value.toISOString()
              : typeof value === 'object'
                ? JSON.stringify(value)
                : String(value);
          out.push({ where: `${table.name}.${column}`, text });
          const purpose = encrypted.get(`${table.name}.${column}`);
          if (purpose && typeof value === 'string')
            out.push({ where: `${table.name}.${column} (decrypted)`, text: t.deps.keyring.decrypt(purpose, value) });
        }
      }
    }
    return out;
  }

  const hits = (values: { where: string; text: string }[]) =>
    values.flatMap(({ where, text }) => NEEDLES.filter((n) => text.toLowerCase().includes(n)).map((n) => `${where} holds ${n}`));

  it('after sign-in, public reports, an SMS, a subscription and dispatch work, no row holds the client or proxy address', async () => {
    for (const [round, client] of [CLIENT_V4, CLIENT_V6].entries()) {
      const call = via(client);
      // Each round's scene far from the last, so its reports make a new incident.
      const scene = { lat: SCENE.lat + round * 0.3, lng: SCENE.lng };
      const dispatcher = await signInVia(client, f.accounts.dispatcher.email);
      const responder = await signInVia(client, f.accounts.responder.email);
      // A failed sign-in too: throttles and audit trails are where addresses tend to creep in.
      expect(
        (await call('POST', '/api/v1/auth/sign-in', { payload: { email: f.accounts.admin.email, password: 'wrong password' } }))
          .statusCode,
      ).toBe(401);

      // Public report by the no-JavaScript form (with its double-submit key) and by the API.
      const page = await call('GET', '/r/alpha?lang=es');
      expect(page.statusCode).toBe(200);
      const key = /name="key" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const form = await call('POST', '/r/alpha', {
        payload: new URLSearchParams({
          lang: 'es',
          key,
          category: 'home_raid',
          where: 'Lake St y Bloomington',
          what: 'Dos camionetas',
          contact: '+16125550142',
          lat: String(scene.lat),
          lng: String(scene.lng),
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.statusCode, form.body.slice(0, 300)).toBe(200);
      const api = await call('POST', '/api/v1/networks/alpha/reports', {
        payload: { category: 'checkpoint', point: scene, locationText: `Cedar Ave ${round}`, contact: '+16125550143' },
        headers: { origin: TEST_ORIGIN },
      });
      expect(api.statusCode, api.body).toBe(201);

      // A text to the hotline, signed as Twilio signs it.
      const sms = {
        MessageSid: `SM${(round + 1).toString(16).padStart(32, '0')}`,
        AccountSid: 'AC0123',
        From: '+16125550144',
        To: '+16125550000',
        Body: 'Two vans at Lake St',
        NumMedia: '0',
      };
      const hook = await call('POST', '/hooks/sms/twilio/alpha', {
        payload: new URLSearchParams(sms).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(AUTH_TOKEN, `${TEST_ORIGIN}/hooks/sms/twilio/alpha`, sms),
        },
      });
      expect(hook.statusCode, hook.body).toBe(200);

      // An alert subscription by SMS, confirmed with its code.
      const phone = client === CLIENT_V4 ? '+16125550145' : '+16125550146';
      const subscribe = await call('POST', '/api/v1/networks/alpha/alert-subscriptions', {
        payload: { channel: 'sms', phone, cells: [latLngToCell(scene.lat, scene.lng, 7)], language: 'so' },
      });
      expect(subscribe.statusCode, subscribe.body).toBe(202);
      const confirm = await call('POST', '/api/v1/networks/alpha/alert-subscriptions/confirm', {
        payload: { channel: 'sms', phone, code: await codeFromOutbox(t, phone) },
      });
      expect(confirm.statusCode, confirm.body).toBe(200);

      // The dispatcher reads a reporter's contact (an audited read), moves the incident on and dispatches; the responder answers.
      const available = await call('PUT', '/api/v1/networks/alpha/responder/availability', {
        cookie: responder,
        payload: { available: true, cell: latLngToCell(scene.lat, scene.lng, 8) },
      });
      expect(available.statusCode, available.body).toBe(200);
      // Where a report is, is sealed at rest: open them to find this round's.
      const filed = await t.deps.database.db.selectFrom('reports').select(['id', 'incident_id', 'location_text_enc']).execute();
      const report = filed.find(
        (r) => r.location_text_enc && t.deps.keyring.decrypt('address', r.location_text_enc) === `Cedar Ave ${round}`,
      )!;
      const incidents = (await call('GET', '/api/v1/networks/alpha/incidents', { cookie: dispatcher })).json().incidents as {
        id: string;
        version: number;
      }[];
      const incident = incidents.find((i) => i.id === report.incident_id)!;
      expect((await call('GET', `/api/v1/networks/alpha/reports/${report.id}/contact`, { cookie: dispatcher })).statusCode).toBe(
        200,
      );
      const moved = await call('POST', `/api/v1/networks/alpha/incidents/${incident.id}/status`, {
        cookie: dispatcher,
        payload: { status: 'verifying', version: incident.version, note: 'calling the reporter' },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const sent = await call('POST', `/api/v1/networks/alpha/incidents/${incident.id}/dispatches`, {
        cookie: dispatcher,
        payload: { count: 1 },
      });
      expect(sent.statusCode, sent.body).toBe(200);
      const dispatch = await t.deps.database.db
        .selectFrom('dispatches')
        .select('id')
        .where('incident_id', '=', incident.id)
        .executeTakeFirstOrThrow();
      expect(
        (
          await call('PATCH', `/api/v1/networks/alpha/dispatches/${dispatch.id}`, {
            cookie: responder,
            payload: { status: 'accepted' },
          })
        ).statusCode,
      ).toBe(200);
      expect((await call('POST', '/api/v1/auth/sign-out', { cookie: responder })).statusCode).toBeLessThan(300);
    }

    const values = await everyValue();
    // The requests above wrote what they should: reports from every channel, a subscription, audit entries.
    const wrote = (table: string) => values.some((v) => v.where.startsWith(`${table}.`));
    expect(
      ['reports', 'alert_subscriptions', 'audit_log', 'sessions', 'dispatches', 'incident_events'].filter((x) => !wrote(x)),
    ).toEqual([]);
    expect(hits(values)).toEqual([]);
  }, 120_000);

  it('would notice an address, in plain or encrypted columns and in any spelling (the scan is not blind)', async () => {
    const db = t.deps.database.db;
    const row = await db.selectFrom('reports').select('id').executeTakeFirstOrThrow();
    const expanded = '2001:0db8:7e57:cafe:0000:0000:0000:001d';
    await db
      .updateTable('reports')
      .set({ location_text: `seen from ${String(3405803975)}`, contact_enc: t.deps.keyring.encrypt('contact', expanded) })
      .where('id', '=', row.id)
      .execute();
    const found = hits(await everyValue());
    expect(found).toEqual(
      expect.arrayContaining(['reports.location_text holds 3405803975', `reports.contact_enc (decrypted) holds ${expanded}`]),
    );
  });
});
