import type { Kysely } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit, AUDIT_PURGE_ACTION, lockAuditChain } from './audit.ts';

/** What one audit purge removed. */
export interface AuditPurgeResult {
  /** Entries deleted from the front of the chain. */
  deleted: number;
  /** The seq of the last deleted entry (the new anchor), when any were deleted. */
  throughSeq?: number;
}

/**
 * Delete audit entries older than `keepDays`, from the front of the chain only
 * (the chain is global, so a gap in the middle could not be told from tampering).
 * In the same transaction it records the anchor (seq and hash of the last deleted
 * entry) and appends an `audit.purge` entry naming it, which verifyAudit checks.
 */
export async function purgeAuditLog(db: Kysely<DB>, dialect: Dialect, now: Date, keepDays: number): Promise<AuditPurgeResult> {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
  // Common case on a 15-minute schedule: the oldest entry is still young, found by the primary key alone.
  const oldest = await db.selectFrom('audit_log').select('created_at').orderBy('seq').limit(1).executeTakeFirst();
  if (!oldest || toIso(oldest.created_at) >= cutoff) return { deleted: 0 };
  return db.transaction().execute(async (trx) => {
    await lockAuditChain(trx, dialect);
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('created_at', '<', cutoff)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return { deleted: 0 };
    const throughSeq = Number(last.seq);
    const deleted = Number((await trx.deleteFrom('audit_log').where('seq', '<=', throughSeq).executeTakeFirst()).numDeletedRows);
    await trx
      .insertInto('audit_anchors')
      .values({ through_seq: throughSeq, through_hash: last.hash, entries_deleted: deleted, purged_at: now.toISOString() })
      .execute();
    await appendAudit(trx, dialect, now, {
      networkId: null,
      actorId: null,
      action: AUDIT_PURGE_ACTION,
      targetType: 'audit_log',
      targetId: null,
      detail: { throughSeq, throughHash: last.hash, deleted, olderThan: cutoff },
    });
    return { deleted, throughSeq };
  });
}

/**
 * The audit log is one chain for the whole deployment, so it keeps entries for the
 * shortest period any network asked for (decision 0007). Null: no network, keep all.
 */
export function auditKeepDays(networks: { settings: { retention: { auditDays: number } } }[]): number | null {
  if (networks.length === 0) return null;
  return Math.min(...networks.map((n) => n.settings.retention.auditDays));
}
