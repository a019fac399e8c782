import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOTLINE } from '../../src/demo/demo-seed.ts';
import { startTwilioDouble, type TwilioDouble } from '../doubles/twilio.double.ts';
import {
  CONTROL,
  type ColumnFinder,
  everySeededValue,
  fileFirstExtras,
  filesUnder,
  fileSecondExtras,
  searchFiles,
} from '../harness/cold-copy.ts';
import { runCommand, startServer, writeKey, type ServerProcess } from '../harness/server-process.ts';

// SQLite only by nature: its data directory is the whole deployment's data (database, write-ahead
// log, the backups docs/self-hosting.md makes, the log). cold-copy-postgres.test.ts does PostgreSQL's.

/**
 * The database's columns holding a seeded value (a text containing it; for a point, a column
 * equal to its latitude or containing it as text, so the gazetteer's outlines show up beside the
 * real holder), read from a copy of the database and its log so the data directory stays as it
 * was left. A hint for whoever reads a failure; whether a value leaks is the byte search's call.
 */
function columnFinder(dbPath: string, scratch: string): ColumnFinder {
  for (const suffix of ['', '-wal'])
    if (existsSync(dbPath + suffix)) copyFileSync(dbPath + suffix, join(scratch, `copy.db${suffix}`));
  const db = new SQLite(join(scratch, 'copy.db'));
  const columns = (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).flatMap((t) =>
    (db.prepare(`pragma table_info("${t.name}")`).all() as { name: string }[]).map((c) => ({ table: t.name, column: c.name })),
  );
  return (seeded) =>
    columns
      .filter(({ table, column }) => {
        const [where, value] =
          'text' in seeded
            ? [`instr(cast("${column}" as text), ?) > 0`, seeded.text]
            : [`("${column}" = ? or instr(cast("${column}" as text), '${seeded.lat}') > 0)`, seeded.lat];
        return db.prepare(`select 1 from "${table}" where ${where} limit 1`).get(value) !== undefined;
      })
      .map(({ table, column }) => `${table}.${column}`);
}

describe('a cold copy of the data directory (database, write-ahead log, backups, log), without the key', () => {
  let dataDir: string;
  let keyDir: string;
  let twilio: TwilioDouble;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;
  const dbFile = () => join(dataDir, 'switchboard.db');
  const logFile = () => join(dataDir, 'switchboard.log');
  let backupNote = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-cold-data-'));
    // The key lives on another mount in a real deployment: never inside the data directory.
    keyDir = mkdtempSync(join(tmpdir(), 'sb-cold-key-'));
    twilio = await startTwilioDouble();
    env = {
      DATABASE_URL: `file:${dbFile()}`,
      SWITCHBOARD_KEY_FILE: writeKey(keyDir),
      // As a deployment runs: the default log level, not the harness's quiet one.
      LOG_LEVEL: 'info',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: DEMO_HOTLINE,
      TWILIO_API_BASE: twilio.apiBase,
    };
  }, 30_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await twilio?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('holds none of the seeded names, emails, addresses, descriptions, contact or points', async () => {
    // The demo, seeded by its own command (which prints the logins to the operator's terminal, not the log).
    const seeded = await runCommand(['demo', 'seed'], env);
    expect(seeded.code, seeded.output).toBe(0);

    server = await startServer('serve', env, { logFile: logFile() });
    await fileFirstExtras(server, twilio);

    // The documented backup, taken while serving (docs/self-hosting.md, "Backups and restore").
    mkdirSync(join(dataDir, 'backups'));
    const backup = join(dataDir, 'backups', `switchboard-${new Date().toISOString().slice(0, 10)}.db`);
    const cli = spawnSync('sqlite3', [dbFile(), `.backup ${backup}`], { encoding: 'utf8' });
    if (cli.error) {
      // No sqlite3 command on this machine (.ci/run installs it): the same online backup API through better-sqlite3.
      backupNote = 'backup made with better-sqlite3 .backup(): the sqlite3 command is not installed';
      const handle = new SQLite(dbFile(), { readonly: true });
      await handle.backup(backup);
      handle.close();
    } else expect(cli.status, cli.stderr).toBe(0);

    await server.kill('SIGTERM');

    // A second run, killed outright: what it wrote stays in the write-ahead log.
    server = await startServer('serve', env, { logFile: logFile() });
    await fileSecondExtras(server);
    await server.kill('SIGKILL');
    server = undefined;

    // The files really are there, and the search reads them: the control is found in each copy.
    const files = filesUnder(dataDir).map((f) => relative(dataDir, f));
    expect(files).toEqual(expect.arrayContaining(['switchboard.db', 'switchboard.db-wal', 'switchboard.log']));
    expect(statSync(backup).size).toBeGreaterThan(0);
    expect(statSync(logFile()).size).toBeGreaterThan(0);
    expect(searchFiles([{ dir: dataDir }], [{ label: 'control', any: [Buffer.from(CONTROL)] }])).toEqual([
      expect.stringMatching(/backups\/switchboard-.*\.db.*switchboard\.db/),
    ]);

    const leaks = searchFiles([{ dir: dataDir }], everySeededValue(), columnFinder(dbFile(), keyDir));
    expect(leaks, `seeded values readable without the key (${files.join(', ')}${backupNote ? `; ${backupNote}` : ''})`).toEqual(
      [],
    );
  }, 180_000);
});
