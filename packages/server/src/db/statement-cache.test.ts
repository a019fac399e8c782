import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { STATEMENT_CACHE_SIZE, withStatementCache } from './statement-cache.ts';

// SQLite only: PostgreSQL statements are prepared by the pg driver and server.

let dir: string;
let sqlite: SQLite.Database;
let prepared: string[];

function open() {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-stmt-'));
  sqlite = new SQLite(join(dir, 'test.db'));
  prepared = [];
  const prepare = sqlite.prepare.bind(sqlite);
  // Count the real prepares behind the cache.
  sqlite.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof sqlite.prepare;
  sqlite.exec('create table t (a integer)');
  sqlite.exec('insert into t (a) values (1)');
  return withStatementCache(sqlite);
}

afterEach(() => {
  sqlite?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('prepared statements kept by SQL text', () => {
  it('prepares a query once however often it runs', () => {
    const db = open();
    for (let i = 0; i < 10; i++) expect(db.prepare('select a from t where a = ?').all(1)).toEqual([{ a: 1 }]);
    expect(prepared).toEqual(['select a from t where a = ?']);
  });

  it('a kept statement sees a schema change made after it was prepared', () => {
    const db = open();
    expect(db.prepare('select * from t').all()).toEqual([{ a: 1 }]);
    sqlite.exec('alter table t add column b text');
    expect(db.prepare('select * from t').all()).toEqual([{ a: 1, b: null }]);
  });

  it(`keeps at most ${STATEMENT_CACHE_SIZE}, dropping the least recently used`, () => {
    const db = open();
    const query = (n: number) => `select a + ${n} as v from t`;
    for (let n = 0; n < STATEMENT_CACHE_SIZE; n++) db.prepare(query(n));
    db.prepare(query(0)); // used again: now the most recent
    db.prepare(query(STATEMENT_CACHE_SIZE)); // one more: the least recent (1) goes
    prepared = [];
    db.prepare(query(0));
    db.prepare(query(2));
    expect(prepared).toEqual([]);
    db.prepare(query(1));
    expect(prepared).toEqual([query(1)]);
  });
});
