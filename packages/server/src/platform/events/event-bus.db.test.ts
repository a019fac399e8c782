import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { Keyring } from '../crypto/keyring.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/harness/dialects.ts';
import { createEventBus, type BusEvent, type EventBus } from './event-bus.ts';

describe.each(DIALECTS)('event bus on %s', (dialect) => {
  let t: TestDatabase;
  let second: Database;
  let a: EventBus;
  let b: EventBus;
  const keyring = new Keyring(randomBytes(32));
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // A second connection pool stands in for a second app process.
    second = openDatabase(t.url);
    // Two processes of one deployment load the same key file.
    a = await createEventBus(t.database, keyring);
    b = await createEventBus(second, keyring);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await second.close();
    await t.drop();
  });

  // The bus carries what it is given: a toy body (not a real report) keeps these tests about transport.
  const event = (networkId: string, n: number) => ({ type: 'report.created', networkId, data: { n } }) as unknown as BusEvent;
  const nOf = (e: BusEvent) => (e.data as unknown as { n: number }).n;

  it('delivers to local listeners of the same network only, and stops after unsubscribe', async () => {
    const got: unknown[] = [];
    const off = a.subscribe('net-1', (e) => got.push(nOf(e)));
    await a.publish(event('net-1', 1));
    await a.publish(event('net-2', 2));
    off();
    await a.publish(event('net-1', 3));
    expect(got).toEqual([1]);
  });

  it(
    dialect === 'postgres' ? 'fans out to another process over LISTEN/NOTIFY, exactly once' : 'keeps SQLite buses process-local',
    async () => {
      const onB: unknown[] = [];
      const onA: unknown[] = [];
      b.subscribe('net-9', (e) => onB.push(nOf(e)));
      a.subscribe('net-9', (e) => onA.push(nOf(e)));
      await a.publish(event('net-9', 42));
      await new Promise((r) => setTimeout(r, 300));
      expect(onA).toEqual([42]);
      expect(onB).toEqual(dialect === 'postgres' ? [42] : []);
    },
  );
});

// PostgreSQL only by nature: SQLite's bus never leaves the process.
describe('event bus payloads on postgres', () => {
  let t: TestDatabase;
  let second: Database;
  let a: EventBus;
  let b: EventBus;
  const keyring = new Keyring(randomBytes(32));
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    second = openDatabase(t.url);
    a = await createEventBus(t.database, keyring);
    b = await createEventBus(second, keyring);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await second.close();
    await t.drop();
  });

  it('seals what crosses PostgreSQL (a typed address never sits in the NOTIFY queue), except cache invalidations', async () => {
    // A raw LISTEN sees each payload exactly as PostgreSQL holds it.
    const raw = new pg.Client({ connectionString: t.url });
    await raw.connect();
    const payloads: string[] = [];
    raw.on('notification', (msg) => payloads.push(msg.payload ?? ''));
    await raw.query('LISTEN switchboard_events');
    try {
      const onB: unknown[] = [];
      b.subscribe('net-7', (e) => onB.push(e.data));
      const secret = { n: 7, locationText: '4417 Cedar Avenue South, back door' };
      await a.publish({ type: 'report.created', networkId: 'net-7', data: secret } as unknown as BusEvent);
      await a.publish({ type: 'cache.invalidate', networkId: '~cache', data: { scope: 'account', accountId: 'acct-1' } });
      // A process without the key (sealed) cannot open the other's events, and sends only invalidations.
      const sealedBus = await createEventBus(openDatabase(t.url), new Keyring());
      const onSealed: unknown[] = [];
      sealedBus.subscribe('net-7', (e) => onSealed.push(e.data));
      await a.publish({ type: 'report.created', networkId: 'net-7', data: { n: 8 } } as unknown as BusEvent);
      await sealedBus.publish({ type: 'report.created', networkId: 'net-7', data: { n: 9 } } as unknown as BusEvent);
      const deadline = Date.now() + 5000;
      while ((payloads.length < 3 || onB.length < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      await sealedBus.close();
      expect(onB).toEqual([secret, { n: 8 }]);
      expect(onSealed).toEqual([{ n: 9 }]);
      expect(payloads).toHaveLength(3);
      expect(payloads.join('\n')).not.toContain('Cedar');
      expect(payloads.filter((p) => p.includes('acct-1'))).toHaveLength(1);
    } finally {
      await raw.end();
    }
  });
});
