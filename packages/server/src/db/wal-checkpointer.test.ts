import { spawnSync } from 'node:child_process';
import { closeSync, fdatasync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { startWalCheckpointer, WAL_RESTART_BYTES } from './wal-checkpointer.ts';

// SQLite only by nature: PostgreSQL checkpoints in its own server processes.

const ROW = 'x'.repeat(1000);
const dirs: string[] = [];
const open: Database[] = [];

function fresh(backgroundCheckpoints: boolean): { database: Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-ckpt-'));
  dirs.push(dir);
  const path = join(dir, 'test.db');
  const database = openDatabase(`file:${path}`, { backgroundCheckpoints });
  open.push(database);
  database.sqlite!.exec('create table t (id integer primary key, v text)');
  return { database, path };
}

function write(database: Database, rows: number): void {
  const insert = database.sqlite!.prepare('insert into t (v) values (?)');
  database.sqlite!.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(ROW);
  })();
}

const size = (path: string) => statSync(path).size;
const autocheckpoint = (database: Database) => Number(database.sqlite!.pragma('wal_autocheckpoint', { simple: true }));

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('background WAL checkpoints', () => {
  it('the committing connection never checkpoints; the worker copies the log into the database file', async () => {
    const { database, path } = fresh(true);
    expect(autocheckpoint(database)).toBe(0);
    const before = size(path);
    // Well past the 1000 pages at which the connection would otherwise checkpoint inside COMMIT.
    write(database, 6000);
    expect(size(`${path}-wal`)).toBeGreaterThan(4_000_000);
    await until(() => size(path) > before + 4_000_000, 'the database file holds the rows');
  });

  it('keeps the log from growing without bound under steady writes', async () => {
    const { database, path } = fresh(true);
    // 12 rounds of about 0.7 MB, each after the worker has had time to checkpoint.
    for (let round = 0; round < 12; round++) {
      write(database, 500);
      await new Promise((r) => setTimeout(r, 150));
    }
    // The log restarts once a checkpoint has copied it all, so it stays near one round's size.
    expect(size(`${path}-wal`)).toBeLessThan(2_500_000);
    expect(database.sqlite!.prepare('select count(*) as n from t').get()).toEqual({ n: 6000 });
  });

  it('hands checkpoints back to the connection when it stops, after a last checkpoint', async () => {
    const { database, path } = fresh(false);
    const checkpointer = startWalCheckpointer(database.sqlite!, path);
    expect(autocheckpoint(database)).toBe(0);
    const before = size(path);
    write(database, 2000);
    await checkpointer.stop();
    expect(autocheckpoint(database)).toBe(1000);
    expect(size(path)).toBeGreaterThan(before + 1_500_000);
  });

  it('falls back to checkpoints inside COMMIT when the worker cannot run', async () => {
    const { database, path } = fresh(false);
    expect(autocheckpoint(database)).toBe(1000);
    // The worker opens a file that does not exist (fileMustExist) and dies.
    const broken = startWalCheckpointer(database.sqlite!, `${path}.missing`);
    expect(autocheckpoint(database)).toBe(0);
    await until(() => autocheckpoint(database) === 1000, 'the connection checkpoints for itself again');
    await broken.stop();
  });

  it('is off unless asked for', () => {
    const { database } = fresh(false);
    expect(autocheckpoint(database)).toBe(1000);
  });
});

describe('closing a database with background checkpoints', () => {
  it('finishes when closing is the last thing a script does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-ckpt-'));
    dirs.push(dir);
    const script = join(dir, 'close-last.mts');
    const database = new URL('./database.ts', import.meta.url).pathname;
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(database)};
const d = openDatabase(${JSON.stringify(`file:${join(dir, 'last.db')}`)}, { backgroundCheckpoints: true });
d.sqlite.exec('create table t (v text)');
await d.close();
console.log('closed');
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: 'closed' });
  });
});

describe('the size of the write-ahead log under a flood', () => {
  const MB = 1024 * 1024;

  /**
   * Commit for `ms` as a flood of intake does: each group commit with `synchronous = NORMAL`,
   * then the log fsynced on the thread pool before the next (intake-durability.ts).
   */
  async function flood(database: Database, path: string, ms: number): Promise<void> {
    const sqlite = database.sqlite!;
    sqlite.pragma('synchronous = NORMAL');
    const insert = sqlite.prepare('insert into t (v) values (?)');
    const commit = sqlite.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(ROW);
    });
    const fd = openSync(`${path}-wal`, 'r');
    try {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        commit();
        await new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve(undefined))));
      }
    } finally {
      closeSync(fd);
      sqlite.pragma('synchronous = FULL');
    }
  }

  it('stays bounded under a flood of group commits, and is truncated once they stop', async () => {
    const { database, path } = fresh(true);
    // On the code before: 160 MB of log after these 1.5 s, and never cut back.
    let largest = 0;
    for (let round = 0; round < 3; round++) {
      await flood(database, path, 500);
      largest = Math.max(largest, size(`${path}-wal`));
    }
    expect(largest).toBeLessThan(2 * WAL_RESTART_BYTES + 16 * MB);
    // Idle: the log is copied back and cut to nothing within a second or so.
    await until(() => size(`${path}-wal`) < 1 * MB, 'the idle log is truncated');
    expect(database.sqlite!.prepare('select count(*) > 0 as some from t').get()).toEqual({ some: 1 });
  });
});
