import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { GENESIS_HASH } from './audit-chain.ts';
import { hashOfRow, onAuditAppended, readAuditHead } from './audit.ts';
import { checkCheckpoint, exportCheckpoint, readStoredCheckpoint, signCheckpoint, storeCheckpoint } from './audit-checkpoint.ts';

/** What one signing attempt did. */
export type CheckpointOutcome =
  | 'signed'
  | 'unchanged'
  /** No key loaded: nothing can be signed; the next attempt once unsealed catches up. */
  | 'sealed'
  /** The head does not continue the last signed checkpoint: it is not signed over (verify reports it). */
  | 'refused';

/**
 * Whether the rows from `from` to `head` form an intact chain (each links to the one before and
 * hashes to its content). Past a purge the retention anchor stands in for a purged checkpoint.
 */
async function continues(db: Kysely<DB>, from: { seq: number; hash: string }, head: { seq: number; hash: string }) {
  if (head.seq < from.seq) return false;
  if (head.seq === from.seq) return head.hash === from.hash;
  const anchor = await db
    .selectFrom('audit_anchors')
    .select(['through_seq', 'through_hash'])
    .orderBy('through_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = from.seq;
  let prev = from.hash;
  if (anchor && Number(anchor.through_seq) >= from.seq) {
    seq = Number(anchor.through_seq);
    prev = anchor.through_hash;
  }
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', seq)
      .where('seq', '<=', head.seq)
      .orderBy('seq')
      .limit(1000)
      .execute();
    for (const r of rows) {
      if (Number(r.seq) !== seq + 1 || r.prev_hash !== prev || hashOfRow(r) !== r.hash) return false;
      seq++;
      prev = r.hash;
    }
    if (rows.length < 1000) break;
  }
  return seq === head.seq && prev === head.hash;
}

/**
 * Sign the current head if it moved: store the checkpoint in the database and append it to
 * the export file. A head that does not continue the last genuine checkpoint (a cut or
 * rewritten tail) is never signed, so the evidence stays.
 */
export async function checkpointAudit(
  db: Kysely<DB>,
  keyring: Keyring,
  now: Date,
  exportFile: string | undefined,
): Promise<CheckpointOutcome> {
  if (keyring.sealed) return 'sealed';
  const head = await readAuditHead(db);
  const last = await readStoredCheckpoint(db);
  const genuine = last && last !== 'unparsable' && checkCheckpoint(keyring, last) === 'valid' ? last : undefined;
  if (genuine && genuine.seq === head.seq && genuine.hash === head.hash && genuine.keyId === keyring.keyId) return 'unchanged';
  // A forged or unreadable copy is not a starting point: the whole kept chain is checked instead.
  if (last && !genuine) return 'refused';
  if (!(await continues(db, genuine ?? { seq: 0, hash: GENESIS_HASH }, head))) return 'refused';
  if (head.seq === 0) return 'unchanged';
  const checkpoint = signCheckpoint(keyring, head, now);
  // The file first: a checkpoint in the database that the file lacks would look like a gap in the file.
  if (exportFile) exportCheckpoint(exportFile, checkpoint);
  await storeCheckpoint(db, checkpoint);
  return 'signed';
}

/** The running checkpointer, as `serve` holds it. */
export interface AuditCheckpointer {
  /** Sign now (and wait), e.g. before shutdown. */
  flush(): Promise<CheckpointOutcome>;
  stop(): Promise<void>;
}

/** How soon after an append the head is signed: long enough for its transaction to commit. */
const AFTER_APPEND_MS = 50;
/** Also try on a timer: appends made while sealed, or in another process, get signed too. */
const EVERY_MS = 10_000;

/**
 * Sign the head shortly after every append in this process, every few seconds anyway, and
 * at start (a rotated key re-signs the head under the new key right away).
 */
export function startAuditCheckpointer(
  deps: { db: Kysely<DB>; keyring: Keyring; now: () => Date; exportFile?: string },
  onResult: (outcome: CheckpointOutcome | Error) => void,
): AuditCheckpointer {
  let running: Promise<CheckpointOutcome> | undefined;
  let again = false;
  let soon: NodeJS.Timeout | undefined;
  const run = (): Promise<CheckpointOutcome> => {
    if (running) {
      again = true;
      return running;
    }
    running = checkpointAudit(deps.db, deps.keyring, deps.now(), deps.exportFile)
      .then(
        (outcome) => {
          onResult(outcome);
          return outcome;
        },
        (err: Error) => {
          onResult(err);
          return 'refused' as const;
        },
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };
  const stopListening = onAuditAppended(() => {
    if (soon) return;
    soon = setTimeout(() => {
      soon = undefined;
      void run();
    }, AFTER_APPEND_MS);
    soon.unref();
  });
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  void run();
  return {
    flush: async () => {
      if (running) await running;
      return run();
    },
    stop: async () => {
      stopListening();
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      if (running) await running;
    },
  };
}
