import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Audit retention: old entries are purged from the front of the hash chain, and each
 * purge leaves an anchor (the seq and hash of the last entry it removed) so the kept
 * entries still verify. See docs/decisions/0007-audit-retention.md.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await db.schema
    .createTable('audit_anchors')
    // The last purged entry: verification starts right after it.
    .addColumn('through_seq', k.integer, (c) => c.primaryKey().notNull())
    .addColumn('through_hash', k.text, (c) => c.notNull())
    .addColumn('entries_deleted', k.integer, (c) => c.notNull())
    .addColumn('purged_at', k.timestamp, (c) => c.notNull())
    .execute();
}
