import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { entryHash, GENESIS_HASH } from './audit-chain.ts';

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
  // SQLite runs one writer at a time; PostgreSQL needs a lock so two appends never share a seq.
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`.execute(trx);
  const head = await trx.selectFrom('system_state').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  const [lastSeq, lastHash] = head ? parseHead(head.value) : [0, GENESIS_HASH];
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
  if (head) await trx.updateTable('system_state').set({ value }).where('key', '=', HEAD_KEY).execute();
  else await trx.insertInto('system_state').values({ key: HEAD_KEY, value }).execute();
}

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
 * Walk the whole chain: each entry's hash must match its content, link to the one
 * before, and the last must match the recorded head (so deleting the tail shows too).
 */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
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
      prev = r.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('system_state').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  const [headSeq, headHash] = head ? parseHead(head.value) : [0, GENESIS_HASH];
  if (headSeq !== count || headHash !== prev) {
    return { ok: false, entries: count, brokenAt: count + 1, reason: 'entries missing at the end' };
  }
  return { ok: true, entries: count };
}
