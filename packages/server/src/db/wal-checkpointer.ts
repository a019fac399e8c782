import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the checkpointer copies the write-ahead log back into the database file. */
export const CHECKPOINT_INTERVAL_MS = 100;

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
db.pragma('busy_timeout = 5000');
// FULL: the checkpoint syncs the log before copying it and the database file after.
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => checkpoint.get(), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint.get();
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
 */
export function startWalCheckpointer(sqlite: SQLite.Database, path: string): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs: CHECKPOINT_INTERVAL_MS } });
  // A checkpointer must never be why the process stays up.
  worker.unref();
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
