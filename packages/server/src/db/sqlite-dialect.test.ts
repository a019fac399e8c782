import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';

// SQLite only by nature: the lock upgrade it guards against does not exist on PostgreSQL.

/**
 * A second connection that takes the write lock again and again, holding it a few
 * milliseconds each time: what the WAL checkpointer's FULL and TRUNCATE checkpoints do.
 */
const LOCKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
let stop = false;
parentPort.on('message', () => { stop = true; });
const hold = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
const loop = () => {
  if (stop) { db.close(); parentPort.postMessage('stopped'); return; }
  db.exec('BEGIN IMMEDIATE');
  hold(3);
  db.exec('COMMIT');
  setTimeout(loop, 1);
};
parentPort.postMessage('ready');
loop();
`;

const dirs: string[] = [];
const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite transactions', () => {
  it('wait for a write lock another connection holds, even when they read before they write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-immediate-'));
    dirs.push(dir);
    const path = join(dir, 'test.db');
    const database = openDatabase(`file:${path}`);
    open.push(database);
    database.sqlite!.exec('create table t (id integer primary key, v integer)');
    database.sqlite!.exec('insert into t (v) values (0)');

    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const locker = new Worker(LOCKER, { eval: true, workerData: { driver, path } });
    await new Promise((resolve) => locker.once('message', resolve));
    const failures: string[] = [];
    try {
      // Read, give the other connection a moment to take the lock, then write: on a
      // transaction begun DEFERRED the write cannot wait and fails at once with SQLITE_BUSY.
      for (let i = 0; i < 60; i++) {
        try {
          await database.db.transaction().execute(async (trx) => {
            const { v } = (await sql<{ v: number }>`select max(v) as v from t`.execute(trx)).rows[0];
            const end = Date.now() + 2;
            while (Date.now() < end);
            await sql`insert into t (v) values (${v + 1})`.execute(trx);
          });
        } catch (error) {
          failures.push((error as { code?: string }).code ?? String(error));
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    } finally {
      locker.postMessage('stop');
      await new Promise((resolve) => locker.once('message', resolve));
      await locker.terminate();
    }
    expect(failures).toEqual([]);
    expect(database.sqlite!.prepare('select count(*) as n, max(v) as v from t').get()).toEqual({ n: 61, v: 60 });
  });
});
