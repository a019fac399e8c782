import { type Kysely, sql } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Each shift occurrence counts its changes (new times, skipped, put back) and remembers when
 * the last one was, so calendar feeds can give SEQUENCE and LAST-MODIFIED: without them a
 * calendar app that already has the event may keep the old time. Existing dates were last
 * changed when their series was made.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await db.schema
    .alterTable('shift_occurrences')
    .addColumn('revision', k.integer, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('shift_occurrences').addColumn('updated_at', k.timestamp).execute();
  await sql`update shift_occurrences set updated_at = (select s.created_at from shift_series s where s.id = shift_occurrences.series_id)`.execute(
    db,
  );
}
