import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { syncFileData, GroupSync, sqliteDurability } from './intake-durability.ts';

/** A sync whose completion the test decides. */
function manualSync() {
  const runs: { resolve(): void; reject(e: Error): void }[] = [];
  const group = new GroupSync(() => new Promise<void>((resolve, reject) => runs.push({ resolve, reject })));
  return { group, runs };
}

const settled = async (p: Promise<unknown>) => {
  let state = 'pending';
  p.then(
    () => (state = 'done'),
    () => (state = 'failed'),
  );
  await new Promise((r) => setImmediate(r));
  return state;
};

describe('group sync', () => {
  it('starts a sync at once when none runs', async () => {
    const { group, runs } = manualSync();
    const a = group.sync();
    expect(runs).toHaveLength(1);
    runs[0].resolve();
    expect(await settled(a)).toBe('done');
  });

  it('never lets a request made during a sync be covered by that sync, and shares one sync among them', async () => {
    const { group, runs } = manualSync();
    const first = group.sync();
    const b = group.sync();
    const c = group.sync();
    expect(runs).toHaveLength(1);
    runs[0].resolve();
    expect(await settled(first)).toBe('done');
    // b and c asked after the first sync began: they wait for the next one.
    expect(await settled(b)).toBe('pending');
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    expect(await settled(b)).toBe('done');
    expect(await settled(c)).toBe('done');
    expect(runs).toHaveLength(2);
  });

  it('reports a failed sync to those waiting on it, and the next request syncs anew', async () => {
    const { group, runs } = manualSync();
    const a = group.sync();
    runs[0].reject(new Error('EIO'));
    await expect(a).rejects.toThrow('EIO');
    const b = group.sync();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await expect(b).resolves.toBeUndefined();
  });

  it('queues behind a failing sync without inheriting its failure', async () => {
    const { group, runs } = manualSync();
    const a = group.sync();
    const b = group.sync();
    runs[0].reject(new Error('EIO'));
    await expect(a).rejects.toThrow('EIO');
    await new Promise((r) => setImmediate(r));
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await expect(b).resolves.toBeUndefined();
  });
});

describe('SQLite intake durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-durable-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on a WAL file at FULL: COMMIT runs at NORMAL, the log is fsynced afterwards, FULL comes back for everyone else', async () => {
    const database = openDatabase(`file:${join(dir, 'a.db')}`);
    try {
      const sqlite = database.sqlite!;
      const d = sqliteDurability(sqlite);
      expect(d.deferred).toBe(true);
      let during = -1;
      await d.withoutCommitSync(async () => {
        during = Number(sqlite.pragma('synchronous', { simple: true }));
        sqlite.exec('create table t (x integer)');
      });
      expect(during).toBe(1);
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
      await expect(d.afterCommit()).resolves.toBeUndefined();
      // FULL comes back even when the transaction throws.
      await expect(d.withoutCommitSync(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await database.close();
    }
  });

  it('leaves COMMIT to sync by itself where the log is not a WAL file', async () => {
    const memory = openDatabase('file::memory:');
    try {
      expect(sqliteDurability(memory.sqlite!).deferred).toBe(false);
    } finally {
      await memory.close();
    }
  });

  it('fails loudly when the file to sync is missing', async () => {
    await expect(syncFileData(join(dir, 'missing-wal'))).rejects.toThrow(/ENOENT/);
  });
});
