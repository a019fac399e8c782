import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';
import { startWalCheckpointer, WAL_KEEP_BYTES } from './wal-checkpointer.ts';
import { ImmediateSqliteDialect } from './sqlite-dialect.ts';

/** Which SQL engine a database runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database with its dialect, so the few dialect-specific paths can branch. */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The connection URL it was opened with. */
  url: string;
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY and hot paths. */
  pgPool?: pg.Pool;
  /** SQLite only: the raw handle, for hot paths that keep prepared statements. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

/**
 * How long a request waits for a PostgreSQL connection (opening one, or a free one from the
 * pool) before the database counts as unavailable. Long enough that a busy pool under a test
 * suite or a surge does not trip it; short enough that an unreachable host (no refusal, only
 * silence) is answered with a 503 rather than a hung request.
 */
export const CONNECT_TIMEOUT_MS = 10_000;

// pg returns BIGINT (int8) as string by default; our counters fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** How a database is opened beyond its URL. */
export interface OpenOptions {
  /**
   * SQLite files only: checkpoint the write-ahead log from a worker thread rather than
   * inside COMMIT on the event loop (wal-checkpointer.ts). For long-running servers.
   */
  backgroundCheckpoints?: boolean;
}

/** Open SQLite (file:…) or PostgreSQL (postgres://…) from a DATABASE_URL. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // A bounded wait for a connection: while the database is unreachable, requests fail
    // with database_unavailable in seconds instead of hanging.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // A connection the server drops (restart, crash, failover) must not crash the process.
    // Idle, the pool reports it here and discards it; checked out (mid-transaction), the
    // client itself emits 'error' with no pool listener attached, so every client gets one.
    // Its query fails on its own; on release the pool sees it is broken and opens a fresh one.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url, pgPool: pool, close: () => db.destroy() };
  }
  if (!url.startsWith('file:')) {
    throw new Error('DATABASE_URL must start with file: or postgres://');
  }
  const path = url.slice('file:'.length);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives power loss (intake promises "nothing lost").
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Plaintext moved into encrypted columns is overwritten on disk, not left in free pages.
  sqlite.pragma('secure_delete = ON');
  // When the log starts over, the file is cut back to this size rather than kept at its largest.
  sqlite.pragma(`journal_size_limit = ${WAL_KEEP_BYTES}`);
  const checkpointer = options.backgroundCheckpoints && path !== ':memory:' ? startWalCheckpointer(sqlite, path) : undefined;
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  const close = async () => {
    await checkpointer?.stop();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', url, sqlite, close };
}
