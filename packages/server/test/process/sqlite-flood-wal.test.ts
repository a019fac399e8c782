import { statSync } from 'node:fs';
import { WAL_RESTART_BYTES } from '../../src/db/wal-checkpointer.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedFixture, type Fixture, type TestApp } from '../harness/test-app.ts';

// SQLite only by nature: PostgreSQL keeps its own log in its own server processes.

const FLOOD_MS = 3_000;
const CLIENTS = 64;
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * "A flood does not leave the disk full": seconds of unthrottled intake through the real
 * app, then a short rest, and the write-ahead log is back under a few MB (once 765 MB
 * stayed behind for good after a minute's flood).
 */
describe('the SQLite write-ahead log after an intake flood', () => {
  let t: TestApp;
  let f: Fixture;
  let wal: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    f = await seedFixture(t.deps);
    wal = `${t.testDb.url.slice('file:'.length)}-wal`;
  });
  afterAll(() => t.close());

  it('stays bounded during the flood and is emptied once it stops', async () => {
    const end = Date.now() + FLOOD_MS;
    let filed = 0;
    let largest = 0;
    const client = async (c: number) => {
      for (let n = 0; Date.now() < end; n++) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/v1/networks/${f.slug}/reports`,
          headers: { 'content-type': 'application/json' },
          payload: {
            category: 'other',
            description: `flood ${c}-${n} ${'x'.repeat(1500)}`,
            point: { lat: 44.9 + (n % 50) / 500, lng: -93.2 - (c % 50) / 500 },
          },
        });
        if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
        filed++;
        if (n % 20 === 0) largest = Math.max(largest, statSync(wal).size);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    expect(filed).toBeGreaterThan(500);
    expect(largest).toBeLessThan(2 * WAL_RESTART_BYTES + 16 * MB);
    // Idle: within a few seconds the log is copied back and truncated to nothing. Before,
    // the file stayed at its largest for good, however small the flood was.
    const stopped = Date.now();
    while (statSync(wal).size > 0 && Date.now() < stopped + 5_000) await sleep(100);
    expect(statSync(wal).size).toBe(0);
  }, 30_000);
});
