import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { entryHash, GENESIS_HASH } from './audit-chain.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { readState, writeState } from '../state/system-state.ts';
import {
  checkpointSeqs,
  gatherCheckpoints,
  judgeCheckpoints,
  type CheckpointJudgement,
  type CheckpointSource,
} from './audit-checkpoint.ts';

/** What to record. Never put an IP address or a reporter's contact in detail. */
export interface AuditInput {
  networkId: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  detail?: Record<string, unknown>;
}

const HEAD_KEY = 'audit_head';
// Any fixed number: the advisory lock that serializes appends on PostgreSQL.
const AUDIT_LOCK_ID = 7_270_001;

/**
 * Append one entry to the hash chain inside the caller's transaction, so the
 * audited change and its entry land together or not at all.
 */
export async function appendAudit(trx: Transaction<DB>, dialect: Dialect, now: Date, input: AuditInput): Promise<void> {
  await lockAuditChain(trx, dialect);
  const head = await readState(trx, HEAD_KEY);
  const [lastSeq, lastHash] = head ? parseHead(head) : [0, GENESIS_HASH];
  const entry = {
    seq: lastSeq + 1,
    networkId: input.networkId,
    actorId: input.actorId,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    detail: JSON.stringify(input.detail ?? {}),
    createdAt: now.toISOString(),
    prevHash: lastHash,
  };
  const hash = entryHash(entry);
  await trx
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      network_id: entry.networkId,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      detail: entry.detail,
      created_at: entry.createdAt,
      prev_hash: entry.prevHash,
      hash,
    })
    .execute();
  const value = `${entry.seq}:${hash}`;
  await writeState(trx, HEAD_KEY, value);
  for (const listener of appendListeners) listener();
}

const appendListeners = new Set<() => void>();

/**
 * Be told (synchronously, before the transaction commits) that an entry was appended, so the
 * checkpointer can sign the new head soon after. Returns the way to stop listening.
 */
export function onAuditAppended(listener: () => void): () => void {
  appendListeners.add(listener);
  return () => appendListeners.delete(listener);
}

/** The chain's head as recorded (plain, unsigned): the newest seq and its hash. */
export async function readAuditHead(db: Kysely<DB> | Transaction<DB>): Promise<{ seq: number; hash: string }> {
  const head = await readState(db, HEAD_KEY);
  const [seq, hash] = head ? parseHead(head) : [0, GENESIS_HASH];
  return { seq, hash };
}

/**
 * Hold the chain until the transaction ends. SQLite runs one writer at a time;
 * PostgreSQL needs a lock so two appends (or an append and a purge) never interleave.
 */
export async function lockAuditChain(trx: Transaction<DB>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`.execute(trx);
}

/** The action of the entry each purge appends; verification checks it names the anchor. */
export const AUDIT_PURGE_ACTION = 'audit.purge';

function parseHead(value: string): [number, string] {
  const [seq, hash] = value.split(':');
  return [Number(seq), hash];
}

/** What an audit_log row's hash should be, from its content. */
export function hashOfRow(r: Selectable<DB['audit_log']>): string {
  return entryHash({
    seq: r.seq,
    networkId: r.network_id,
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: r.detail,
    createdAt: toIso(r.created_at),
    prevHash: r.prev_hash,
  });
}

/** Result of checking the chain. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first seq where the chain breaks, when it does. */
  brokenAt?: number;
  reason?: string;
  /** Which checkpoint showed the problem, when one did. */
  source?: CheckpointSource;
  /** The signed checkpoints, when verify was given the keyring. */
  checkpoints?: CheckpointJudgement['summary'] | { checked: false; note: string };
}

/** What verify needs to check signed checkpoints; without it only the chain itself is checked. */
export interface CheckpointOptions {
  keyring: Keyring;
  /** SWITCHBOARD_AUDIT_EXPORT_FILE, when set. */
  exportFile?: string;
}

/**
 * Walk the chain from the latest purge anchor (or the genesis): each entry's hash must
 * match its content and link to the one before, and the last must match the recorded
 * head (so deleting the tail shows too). When an anchor exists, the newest purge entry
 * in the chain must name exactly that anchor, so an anchor moved forward over deleted
 * entries shows as well.
 */
export async function verifyAudit(db: Kysely<DB>, signed?: CheckpointOptions): Promise<AuditVerification> {
  const candidates = signed && !signed.keyring.sealed ? await gatherCheckpoints(db, signed.exportFile) : undefined;
  const wanted = candidates ? checkpointSeqs(candidates) : new Set<number>();
  const hashAt = new Map<number, string>();
  const anchor = await db
    .selectFrom('audit_anchors')
    .select(['through_seq', 'through_hash'])
    .orderBy('through_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const anchorSeq = anchor ? Number(anchor.through_seq) : 0;
  let prev = anchor?.through_hash ?? GENESIS_HASH;
  let expectedSeq = anchorSeq + 1;
  let count = 0;
  let lastPurge: { throughSeq?: unknown; throughHash?: unknown; seq: number } | undefined;
  const pageSize = 1000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, entries: count, brokenAt: expectedSeq, reason: 'missing entry' };
      if (r.prev_hash !== prev) return { ok: false, entries: count, brokenAt: r.seq, reason: 'broken link' };
      if (hashOfRow(r) !== r.hash) return { ok: false, entries: count, brokenAt: r.seq, reason: 'edited entry' };
      if (wanted.has(r.seq)) hashAt.set(r.seq, r.hash);
      if (r.action === AUDIT_PURGE_ACTION) lastPurge = { ...JSON.parse(r.detail), seq: r.seq };
      prev = r.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await readState(db, HEAD_KEY);
  const [headSeq, headHash] = head ? parseHead(head) : [0, GENESIS_HASH];
  if (headSeq !== anchorSeq + count || headHash !== prev) {
    return { ok: false, entries: count, brokenAt: anchorSeq + count + 1, reason: 'entries missing at the end' };
  }
  if (anchor && (!lastPurge || lastPurge.throughSeq !== anchorSeq || lastPurge.throughHash !== anchor.through_hash)) {
    return {
      ok: false,
      entries: count,
      brokenAt: lastPurge?.seq ?? anchorSeq + 1,
      reason: 'anchor does not match the last purge',
    };
  }
  if (!signed) return { ok: true, entries: count };
  if (!candidates)
    return {
      ok: true,
      entries: count,
      checkpoints: { checked: false, note: 'sealed: no key loaded, so the signed checkpoints were not checked' },
    };
  const judged = judgeCheckpoints(signed.keyring, candidates, { anchorSeq, lastSeq: anchorSeq + count, hashAt });
  if (judged.problem) return { ok: false, entries: count, ...judged.problem, checkpoints: judged.summary };
  return { ok: true, entries: count, checkpoints: judged.summary };
}

/** The newest audit entries of one network, newest first (what a network admin may read). */
export async function listAuditEntries(db: Kysely<DB>, networkId: string, limit: number) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'action', 'actor_id', 'target_type', 'target_id', 'created_at'])
    .where('network_id', '=', networkId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    action: r.action,
    actorId: r.actor_id,
    targetType: r.target_type,
    targetId: r.target_id,
    createdAt: toIso(r.created_at),
  }));
}
