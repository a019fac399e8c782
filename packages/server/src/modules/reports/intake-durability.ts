import { closeSync, fdatasync, openSync } from 'node:fs';
import type SQLite from 'better-sqlite3';

const noop = () => undefined;

/**
 * Coalesces durability requests into as few syncs as are safe: a caller waits for a sync
 * that started after it asked, so whatever it wrote before asking is covered. Callers who
 * ask while a sync runs share the one queued behind it.
 */
export class GroupSync {
  private current: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly syncOnce: () => Promise<void>) {}

  /** Resolves once a sync that began after this call has completed; rejects if it failed. */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.current) return this.begin();
    const queued = this.current.then(noop, noop).then(() => {
      this.queued = undefined;
      return this.begin();
    });
    this.queued = queued;
    return queued;
  }

  private begin(): Promise<void> {
    const running: Promise<void> = this.syncOnce().finally(() => {
      if (this.current === running) this.current = undefined;
    });
    this.current = running;
    return running;
  }
}

/**
 * fdatasync a file by path, the sync itself on libuv's thread pool. fdatasync, as SQLite
 * uses: the data and what reading it back needs (the size), not the modification time.
 * Opening and closing are quick calls made here: each hop through the thread pool waits
 * for a busy event loop to come round (milliseconds under load), so only the sync hops.
 */
export function syncFileData(path: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    fdatasync(fd, (syncError) => {
      let error: Error | null = syncError;
      try {
        closeSync(fd);
      } catch (closeError) {
        error ??= closeError as Error;
      }
      if (error) reject(error);
      else resolve();
    });
  });
}

/**
 * How intake makes its SQLite commits durable without stalling the event loop.
 *
 * With `synchronous = FULL` every COMMIT fsyncs the write-ahead log on the main thread, and
 * nothing else runs meanwhile (better-sqlite3 is synchronous): about 1 ms per group commit
 * here, in which no request is parsed or answered. For the intake transaction alone, the
 * connection drops to NORMAL (in WAL mode: COMMIT writes the log but does not fsync it),
 * and the batch is acknowledged only after the log file has been fsynced on the thread
 * pool. Same guarantee as FULL for every acknowledged report: its commit frames are in the
 * log before the fsync starts, and a checkpoint that might move them syncs the log first
 * (SQLite does so in NORMAL mode). Meanwhile the next batch can be parsed and written.
 *
 * Only for a file database in WAL mode at FULL or above; otherwise `deferred` is false and
 * COMMIT syncs as configured.
 */
export interface SqliteDurability {
  /** True when commits are synced by `afterCommit` rather than by COMMIT itself. */
  deferred: boolean;
  /** Run a transaction whose COMMIT leaves the log sync to afterCommit (as is, when not deferred). */
  withoutCommitSync<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once everything committed before the call is on disk. */
  afterCommit(): Promise<void>;
}

const durabilities = new WeakMap<SQLite.Database, SqliteDurability>();

/** The durability helper of one SQLite connection (made once, on first use). */
export function sqliteDurability(sqlite: SQLite.Database): SqliteDurability {
  let d = durabilities.get(sqlite);
  if (!d) {
    d = makeDurability(sqlite);
    durabilities.set(sqlite, d);
  }
  return d;
}

/** Replace how one connection's intake commits are made durable (tests hold the sync to watch what waits for it). */
export function setSqliteDurability(sqlite: SQLite.Database, durability: SqliteDurability): void {
  durabilities.set(sqlite, durability);
}

function makeDurability(sqlite: SQLite.Database): SqliteDurability {
  const journal = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
  const level = Number(sqlite.pragma('synchronous', { simple: true }));
  // 2 = FULL, 3 = EXTRA. Below FULL nobody asked for a sync per commit; keep what was asked.
  if (sqlite.memory || journal !== 'wal' || level < 2) {
    return { deferred: false, withoutCommitSync: (work) => work(), afterCommit: () => Promise.resolve() };
  }
  // Run each time, never prepared once: SQLite applies this pragma when it compiles it.
  const toNormal = 'PRAGMA synchronous = NORMAL';
  const restore = `PRAGMA synchronous = ${level}`;
  const log = new GroupSync(() => syncFileData(`${sqlite.name}-wal`));
  return {
    deferred: true,
    withoutCommitSync: async (work) => {
      sqlite.exec(toNormal);
      try {
        return await work();
      } finally {
        // Every other writer on this connection keeps its fsync per COMMIT.
        sqlite.exec(restore);
      }
    },
    afterCommit: () => log.sync(),
  };
}
