import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { Keyring, readKeyFile } from '../../src/platform/crypto/keyring.ts';
import { onCacheInvalidation, type CacheInvalidation } from '../../src/platform/events/cache-invalidation.ts';
import { createEventBus, type BusEvent } from '../../src/platform/events/event-bus.ts';
import { twilioSignature } from '../../src/modules/public-intake/twilio-signature.ts';
import { startTestCluster, type TestCluster } from '../harness/postgres-cluster.ts';
import { startServer, writeKey, type ServerProcess } from '../harness/server-process.ts';

// PostgreSQL only by nature: the database here is a separate process that can die.

const CLIENTS = 32;
const TWILIO_TOKEN = 'twilio-outage-test-token-0123456789';

/** A refusal as promised: 503 and when to try again. */
function refused(res: Response): Outcome {
  return Number(res.headers.get('retry-after')) > 0 ? { kind: 'unavailable' } : { kind: 'other', what: 'no Retry-After' };
}

/** The receipt code in a TwiML reply, if it carries one. */
function receiptOfSms(twiml: string): string | undefined {
  return /<Message>[^<]*?\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(twiml)?.[1];
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one request got: acknowledged, refused as the promise allows, or anything else. */
type Outcome =
  | { kind: 'acknowledged'; n: number; receiptCode: string }
  | { kind: 'unavailable' }
  | { kind: 'other'; what: string };

/**
 * "The server survives any database outage": under 32 clients filing reports, the
 * PostgreSQL postmaster is SIGKILLed and started again on the same data and port. The
 * server process must stay up, answer every request with an acknowledgement or a
 * translated 503, show the outage and the recovery on /healthz, resume by itself, and
 * have on disk every report it acknowledged.
 */
describe('a PostgreSQL outage under load', () => {
  let cluster: TestCluster;
  let dir: string;
  let server: ServerProcess;
  let keyFile: string;
  beforeAll(async () => {
    cluster = await startTestCluster();
    dir = mkdtempSync(join(tmpdir(), 'sb-pg-outage-'));
    keyFile = writeKey(dir);
    server = await startServer('demo-start', {
      DATABASE_URL: cluster.url,
      SWITCHBOARD_KEY_FILE: keyFile,
      TWILIO_ACCOUNT_SID: 'ACoutage',
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_FROM: '+16125550000',
      // Nothing is sent anywhere in this test.
      TWILIO_API_BASE: 'http://127.0.0.1:9',
    });
  }, 60_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    try {
      cluster?.stop();
    } catch {
      // Already down (the test failed while it was killed): the data directory is removed anyway.
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the server up, refuses clearly, recovers by itself and loses no acknowledged report', async () => {
    const outcomes: Outcome[] = [];
    let next = 0;
    let stop = false;
    const json = async (n: number): Promise<Outcome> => {
      const res = await fetch(`${server.url}/api/v1/networks/twin-cities/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'es', 'idempotency-key': `outage-${n}` },
        body: JSON.stringify({ category: 'other', description: `outage report #${n}`, point: { lat: 44.95, lng: -93.26 } }),
      });
      const body = await res.json();
      if (res.status === 201) return { kind: 'acknowledged', n, receiptCode: body.receiptCode };
      // Translated: the Spanish message, not the English one.
      if (res.status === 503 && body.error?.code === 'database_unavailable' && /base de datos/i.test(body.error.message))
        return refused(res);
      return { kind: 'other', what: `api ${res.status} ${JSON.stringify(body)}` };
    };
    // The page without JavaScript: a receipt page, or a page that says in Spanish that nothing was sent.
    const form = async (n: number): Promise<Outcome> => {
      const res = await fetch(`${server.url}/r/twin-cities`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          lang: 'es',
          category: 'other',
          where: 'Lake St',
          what: `outage report #${n}`,
          key: `outage-form-${n}`,
        }),
      });
      const html = await res.text();
      const code = /id="receipt-code">([^<]+)</.exec(html)?.[1];
      if (res.status === 200 && code) return { kind: 'acknowledged', n, receiptCode: code };
      if (res.status === 503 && html.includes('Su reporte no se envió')) return refused(res);
      return { kind: 'other', what: `form ${res.status} ${html.slice(0, 300)}` };
    };
    // Twilio's webhook: a receipt SMS in the TwiML only once the report is written; otherwise a
    // non-2xx (the provider then knows it was not taken).
    const sms = async (n: number): Promise<Outcome> => {
      const url = `${server.url}/hooks/sms/twilio/twin-cities`;
      const params = {
        MessageSid: `SMoutage${String(n).padStart(10, '0')}`,
        From: `+1612555${String(n).padStart(4, '0')}`,
        Body: `outage report #${n}`,
      };
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(TWILIO_TOKEN, url, params),
        },
        body: new URLSearchParams(params),
      });
      const text = await res.text();
      const stored = receiptOfSms(text);
      if (res.status === 200 && stored) return { kind: 'acknowledged', n, receiptCode: stored };
      if (res.status === 503 && JSON.parse(text).error?.code === 'database_unavailable') return refused(res);
      return { kind: 'other', what: `sms ${res.status} ${text.slice(0, 300)}` };
    };
    const post = async (n: number): Promise<Outcome> => {
      try {
        return await [sms, form, json, json, json, json, json, json][n % 8](n);
      } catch (err) {
        return { kind: 'other', what: `no answer: ${(err as Error).message}` };
      }
    };
    const client = async () => {
      while (!stop) {
        outcomes.push(await post(next++));
        // While refused, do not spin: a real client would wait a little too.
        if (outcomes.at(-1)?.kind === 'unavailable') await sleep(20);
      }
    };
    const health: string[] = [];
    const watchHealth = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${server.url}/healthz`);
          const body = await res.json();
          const seen = `${res.status} ${body.status}`;
          if (health.at(-1) !== seen) health.push(seen);
        } catch (err) {
          const seen = `no answer: ${(err as Error).message}`;
          if (health.at(-1) !== seen) health.push(seen);
        }
        await sleep(50);
      }
    };
    const acknowledged = () => outcomes.filter((o) => o.kind === 'acknowledged').length;
    const until = async (condition: () => boolean, what: string, ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (!condition()) {
        if (server.child.exitCode !== null) throw new Error(`the server exited: ${server.output().slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; health: ${health.join(' → ')}`);
        await sleep(20);
      }
    };

    const running = [...Array.from({ length: CLIENTS }, client), watchHealth()];
    await until(() => acknowledged() >= 200, 'reports are being acknowledged');
    cluster.killPostmaster();
    await until(() => health.some((h) => h.startsWith('503')), 'healthz reports the database down');
    const beforeRestart = acknowledged();
    await cluster.restart();
    await until(() => health.at(-1) === '200 ok', 'healthz reports the database up again');
    // Service resumes by itself: new reports are acknowledged after the restart.
    await until(() => acknowledged() >= beforeRestart + 200, 'reports are acknowledged again');
    stop = true;
    await Promise.all(running);

    expect(server.child.exitCode).toBe(null);
    expect(outcomes.filter((o) => o.kind === 'other')).toEqual([]);
    expect(outcomes.some((o) => o.kind === 'unavailable')).toBe(true);
    expect(health[0]).toBe('200 ok');
    expect(health).toContain('503 database_unavailable');
    expect(health.at(-1)).toBe('200 ok');
    expect(health.filter((h) => h.startsWith('no answer'))).toEqual([]);

    const db = openDatabase(cluster.url);
    try {
      // What a report says is sealed at rest: opened with the server's key.
      const keyring = new Keyring(readKeyFile(keyFile));
      const rows = await db.db.selectFrom('reports').select(['description_enc', 'receipt_code']).execute();
      const stored = new Map(
        rows.map((r) => [r.description_enc && keyring.decrypt('report', r.description_enc), r.receipt_code]),
      );
      const missing = outcomes.filter(
        (o): o is Extract<Outcome, { kind: 'acknowledged' }> =>
          o.kind === 'acknowledged' && stored.get(`outage report #${o.n}`) !== o.receiptCode,
      );
      expect(missing).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('listens again for other processes’ events once the database is back, and forgets what it cached', async () => {
    const first = openDatabase(cluster.url);
    const second = openDatabase(cluster.url);
    // Two processes of one deployment: one key file.
    const keyring = new Keyring(randomBytes(32));
    const a = await createEventBus(first, keyring);
    const b = await createEventBus(second, keyring);
    try {
      const onB: number[] = [];
      const forgot: CacheInvalidation[] = [];
      b.subscribe('net-outage', (e) => onB.push((e.data as unknown as { n: number }).n));
      onCacheInvalidation({ events: b }, (what) => forgot.push(what));
      const event = (n: number) => ({ type: 'report.created', networkId: 'net-outage', data: { n } }) as unknown as BusEvent;
      await a.publish(event(1));
      const until = async (condition: () => boolean, what: string) => {
        const deadline = Date.now() + 20_000;
        for (let n = 2; !condition(); n++) {
          if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
          // Publishing fails while the database is away; keep trying as a real process would.
          await a.publish(event(n)).catch(() => undefined);
          await sleep(200);
        }
      };
      await until(() => onB.includes(1), 'the first event arrives');
      cluster.killPostmaster();
      // Longer than any single retry: the listener must keep trying while the database is away.
      await sleep(2_500);
      await cluster.restart();
      const seen = onB.length;
      await until(() => onB.length > seen, 'events arrive again');
      expect(forgot).toContainEqual({ scope: 'everything' });
    } finally {
      await a.close();
      await b.close();
      await first.close();
      await second.close();
    }
  }, 60_000);
});
