import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/harness/dialects.ts';
import { createEventBus, type BusEvent, type EventBus } from './event-bus.ts';

describe.each(DIALECTS)('event bus on %s', (dialect) => {
  let t: TestDatabase;
  let second: Database;
  let a: EventBus;
  let b: EventBus;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // A second connection pool stands in for a second app process.
    second = openDatabase(t.url);
    a = await createEventBus(t.database);
    b = await createEventBus(second);
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
