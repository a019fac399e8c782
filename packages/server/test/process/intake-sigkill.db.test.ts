import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { Keyring, readKeyFile } from '../../src/platform/crypto/keyring.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../harness/dialects.ts';
import { startServer, writeKey, type ServerProcess } from '../harness/server-process.ts';

/**
 * "A report acknowledged to anyone is on disk": load uniquely numbered reports into a
 * real server process, kill it with SIGKILL mid-load, restart it, and find every
 * report that was acknowledged.
 */
describe.each(DIALECTS)('durable intake under SIGKILL on %s', (dialect) => {
  let t: TestDatabase;
  let dir: string;
  let server: ServerProcess;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await t.database.close();
    dir = mkdtempSync(join(tmpdir(), 'sb-kill-'));
    env = { DATABASE_URL: t.url, SWITCHBOARD_KEY_FILE: writeKey(dir) };
    server = await startServer('demo-start', env);
  }, 60_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await t.drop().catch(() => undefined);
  });

  it('keeps every acknowledged report', async () => {
    const acknowledged = new Map<number, string>();
    let next = 0;
    let stop = false;
    const worker = async () => {
      while (!stop && next < 5000) {
        const n = next++;
        try {
          const res = await fetch(`${server.url}/api/v1/networks/twin-cities/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `kill-test-${n}` },
            body: JSON.stringify({
              category: 'other',
              description: `report #${n}`,
              point: { lat: 44.9 + (n % 100) / 1000, lng: -93.2 },
            }),
          });
          if (res.status === 201) acknowledged.set(n, (await res.json()).receiptCode);
        } catch {
          // the connection died with the server: not acknowledged
        }
      }
    };
    const workers = Array.from({ length: 20 }, worker);
    // Kill once a good number of reports have been acknowledged, while requests are in flight.
    while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 10));
    await server.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.size).toBeGreaterThanOrEqual(300);

    server = await startServer('serve', env);
    const db = openDatabase(t.url);
    try {
      // What a report says is sealed at rest: opened with the server's key.
      const keyring = new Keyring(readKeyFile(env.SWITCHBOARD_KEY_FILE));
      const rows = await db.db.selectFrom('reports').select(['description_enc', 'receipt_code']).execute();
      const stored = new Map(
        rows.map((r) => [r.description_enc && keyring.decrypt('report', r.description_enc), r.receipt_code]),
      );
      const missing = [...acknowledged].filter(([n, code]) => stored.get(`report #${n}`) !== code);
      expect(missing).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
