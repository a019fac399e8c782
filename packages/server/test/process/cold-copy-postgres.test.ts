import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOTLINE } from '../../src/demo/demo-seed.ts';
import { startTwilioDouble, type TwilioDouble } from '../doubles/twilio.double.ts';
import { CONTROL, everySeededValue, fileFirstExtras, fileSecondExtras, searchFiles } from '../harness/cold-copy.ts';
import { startTestCluster, type TestCluster } from '../harness/postgres-cluster.ts';
import { runCommand, startServer, writeKey, type ServerProcess } from '../harness/server-process.ts';

// PostgreSQL only by nature: a cluster of its own, so its files hold this deployment and nothing else.

/** The table (or index, or a table's TOAST) each data file under data/ holds, by its path. */
async function tablesByFile(url: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ path: string; name: string }>(
      `select pg_relation_filepath(c.oid) as path, coalesce(owner.relname || ' toast', c.relname) as name
         from pg_class c left join pg_class owner on owner.reltoastrelid = c.oid
        where c.relkind in ('r', 'i', 't') and pg_relation_filepath(c.oid) is not null`,
    );
    return new Map(rows.map((r) => [`data/${r.path}`, r.name]));
  } finally {
    await client.end();
  }
}

/**
 * The cold copy on PostgreSQL: the same demo and extras as cold-copy.test.ts, the documented
 * `pg_dump -Fc` backup (and the SQL it restores to, since the dump itself is compressed), the
 * server's log, and every file of the stopped cluster (heap, write-ahead log, its own log),
 * searched for each seeded value.
 */
describe('a cold copy of a PostgreSQL deployment (the cluster, a pg_dump backup, the log), without the key', () => {
  let cluster: TestCluster;
  let dataDir: string;
  let keyDir: string;
  let twilio: TwilioDouble;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;
  const logFile = () => join(dataDir, 'switchboard.log');

  beforeAll(async () => {
    cluster = await startTestCluster();
    dataDir = mkdtempSync(join(tmpdir(), 'sb-cold-pg-'));
    keyDir = mkdtempSync(join(tmpdir(), 'sb-cold-pg-key-'));
    twilio = await startTwilioDouble();
    env = {
      DATABASE_URL: cluster.url,
      SWITCHBOARD_KEY_FILE: writeKey(keyDir),
      LOG_LEVEL: 'info',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: DEMO_HOTLINE,
      TWILIO_API_BASE: twilio.apiBase,
    };
  }, 60_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await twilio?.close();
    try {
      cluster?.stop();
    } catch {
      // Already halted: the files are removed anyway.
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('holds none of the seeded names, emails, addresses, descriptions, contact or points', async () => {
    const seeded = await runCommand(['demo', 'seed'], env);
    expect(seeded.code, seeded.output).toBe(0);
    server = await startServer('serve', env, { logFile: logFile() });
    await fileFirstExtras(server, twilio);

    // The documented backup (docs/self-hosting.md, "Backups and restore"), and the SQL it holds.
    mkdirSync(join(dataDir, 'backups'));
    const dump = join(dataDir, 'backups', `switchboard-${new Date().toISOString().slice(0, 10)}.dump`);
    const dumped = spawnSync(join(cluster.bin, 'pg_dump'), ['-Fc', '-f', dump, cluster.url], { encoding: 'utf8' });
    expect(dumped.status, dumped.stderr).toBe(0);
    const restored = spawnSync(join(cluster.bin, 'pg_restore'), ['-f', `${dump}.sql`, dump], { encoding: 'utf8' });
    expect(restored.status, restored.stderr).toBe(0);

    await server.kill('SIGTERM');
    server = await startServer('serve', env, { logFile: logFile() });
    await fileSecondExtras(server);
    await server.kill('SIGKILL');
    server = undefined;
    // Which table each data file holds, so a failure names it (files are named by number).
    const tables = await tablesByFile(cluster.url);
    // The host is switched off: a clean shutdown writes everything out to the data files.
    cluster.halt();

    const roots = [
      { dir: cluster.dir, label: 'cluster', explain: (path: string) => tables.get(path) },
      { dir: dataDir, label: 'server' },
    ];
    expect(statSync(logFile()).size).toBeGreaterThan(0);
    // The search reads what it should: a public name is found in the cluster's files and the restored SQL.
    expect(searchFiles(roots, [{ label: 'control', any: [Buffer.from(CONTROL)] }])).toEqual([
      expect.stringMatching(/cluster\/data\/base\/.*server\/backups\/switchboard-.*\.dump\.sql/),
    ]);
    expect(searchFiles(roots, everySeededValue()), 'seeded values readable without the key').toEqual([]);
  }, 180_000);
});
