import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the checkpointer copies the write-ahead log back into the database file. */
export const CHECKPOINT_INTERVAL_MS = 100;

/**
 * How large a write-ahead log file may stay once the log starts over (journal_size_limit):
 * SQLite reuses the file from the start and, past this, cuts it back to this size.
 */
export const WAL_KEEP_BYTES = 4 * 1024 * 1024;

/**
 * Past this much log, the worker runs one FULL checkpoint so that the next commit can
 * start the log over. Under a flood the PASSIVE checkpoints never catch up with the end
 * of the log (a writer always appends meanwhile), so without it the log only grows.
 */
export const WAL_RESTART_BYTES = 32 * 1024 * 1024;

/** How long a FULL or TRUNCATE checkpoint waits for the writer or readers before it gives up for this tick. */
const CHECKPOINT_WAIT_MS = 50;

/** After this long without a new commit, the worker checkpoints and truncates the log to nothing. */
export const WAL_IDLE_MS = 500;

// SQLite's own default: one automatic checkpoint per 1000 log pages.
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/*
 * The worker's whole program. House rules want code in modules, not in strings; this is
 * a string because a worker must load a file, and the same file would otherwise have to be
 * found as TypeScript under tsx and vitest and as JavaScript in the esbuild bundle. It is
 * CommonJS, so it can require the driver by the path the parent resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
// Short: FULL and TRUNCATE hold new writers while they wait, so they give up soon and
// try again on a later tick rather than stall the server's connection. PASSIVE never waits.
db.pragma('busy_timeout = ' + workerData.waitMs);
// FULL: the checkpoint syncs the log before copying it and the database file after.
db.pragma('synchronous = FULL');
db.pragma('journal_size_limit = ' + workerData.keepBytes);
// A log frame is a page and its 24-byte header.
const frameBytes = db.pragma('page_size', { simple: true }) + 24;
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
// FULL waits for the writer in hand, copies what PASSIVE left (one interval's worth) and
// holds new writers meanwhile: milliseconds. Then the next commit starts the log over.
const full = db.prepare('PRAGMA wal_checkpoint(FULL)');
// TRUNCATE also waits for readers to leave the log, then cuts it to nothing: only when idle.
const truncate = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
let frames = 0;
let changedAt = Date.now();
const tick = () => {
  const { log } = passive.get();
  const now = Date.now();
  if (log !== frames) {
    frames = log;
    changedAt = now;
  }
  // Either may find the log busy and do nothing: the next tick sees the same log and tries again.
  if (frames > 0 && now - changedAt >= workerData.idleMs) {
    truncate.get();
  } else if (frames * frameBytes > workerData.restartBytes) {
    const { busy } = full.get();
    // FULL lost the race for the write lock to back-to-back commits, and the log is twice
    // past the mark: ask the server's own connection, the only writer, to finish the copy
    // between its transactions (see catchUp below). At most once a second.
    if (busy && frames * frameBytes > 2 * workerData.restartBytes && now - askedAt > 1000) {
      askedAt = now;
      parentPort.postMessage('catch-up');
    }
  }
};
let askedAt = 0;
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  passive.get();
  db.close();
  parentPort.close();
});
`;

/** A background checkpointer bound to one SQLite connection. */
export interface WalCheckpointer {
  /** Stop the worker (one last checkpoint first) and hand checkpoints back to the connection. */
  stop(): Promise<void>;
}

/**
 * Move SQLite's WAL checkpoints off the event loop.
 *
 * By default the connection that commits also checkpoints, inside COMMIT, once the log
 * passes 1000 pages: under a report surge that stalls every request for 10–50 ms every
 * second or so (the checkpoint copies the log into the database file and fsyncs it). Here
 * the main connection never checkpoints; a worker thread with its own connection to the
 * same file runs a PASSIVE checkpoint every CHECKPOINT_INTERVAL_MS, which in WAL mode runs
 * beside readers and writers. If the worker dies, the connection checkpoints for itself
 * again, so the log cannot grow without bound.
 *
 * The log file's size is bounded too: past WAL_RESTART_BYTES a FULL checkpoint lets the
 * log start over (cut back to WAL_KEEP_BYTES by journal_size_limit, which the connection
 * sets too: it is the one that starts the log over); if commits come so fast that FULL
 * never gets in, past twice that the connection copies the rest itself; and after
 * WAL_IDLE_MS without a commit a TRUNCATE checkpoint leaves it empty. A flood once left
 * 765 MB of log behind for good.
 */
export function startWalCheckpointer(sqlite: SQLite.Database, path: string): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      path,
      intervalMs: CHECKPOINT_INTERVAL_MS,
      keepBytes: WAL_KEEP_BYTES,
      restartBytes: WAL_RESTART_BYTES,
      idleMs: WAL_IDLE_MS,
      waitMs: CHECKPOINT_WAIT_MS,
    },
  });
  // A checkpointer must never be why the process stays up.
  worker.unref();
  // The last resort against a log that only grows: one PASSIVE checkpoint on this
  // connection, between transactions. No other connection writes, so it copies the log
  // to its end and the next commit starts it over. It runs on the event loop (the rest of
  // the log, mostly copied already, and two fsyncs): rare, and bounded, unlike the log.
  worker.on('message', (message) => {
    if (message !== 'catch-up' || !sqlite.open || sqlite.inTransaction) return;
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or locked: the worker asks again while the log stays long.
    }
  });
  const checkpointForItself = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  // On a crash ('error' comes first) as on a stop, the connection takes checkpoints back.
  worker.on('error', checkpointForItself);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      checkpointForItself();
      resolve();
    }),
  );
  return {
    stop: async () => {
      // While someone waits for it to stop, the worker must hold the process open: an
      // unref'd worker is the only thing left when a script closes its database last,
      // and Node would exit mid-await (code 13) instead of finishing the close.
      worker.ref();
      // Posting to a worker that already exited is a no-op; `exited` has then resolved.
      worker.postMessage('stop');
      await exited;
    },
  };
}
