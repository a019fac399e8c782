import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { entryHash, GENESIS_HASH } from './audit-chain.ts';
import { readState, writeState } from '../state/system-state.ts';

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

/** Result of checking the chain. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first seq where the chain breaks, when it does. */
  brokenAt?: number;
  reason?: string;
}

/**
 * Walk the chain from the latest purge anchor (or the genesis): each entry's hash must
 * match its content and link to the one before, and the last must match the recorded
 * head (so deleting the tail shows too). When an anchor exists, the newest purge entry
 * in the chain must name exactly that anchor, so an anchor moved forward over deleted
 * entries shows as well.
 */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditVerification> {
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
      const hash = entryHash({
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
      if (hash !== r.hash) return { ok: false, entries: count, brokenAt: r.seq, reason: 'edited entry' };
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
  return { ok: true, entries: count };
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
