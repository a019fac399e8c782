import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Editing a shift "from this date on" ends the series before that date and continues it
 * as a new series (past dates keep the times and slots they were held with).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  // Local date (YYYY-MM-DD): the series makes no occurrence on or after it. Null: open-ended.
  await db.schema.alterTable('shift_series').addColumn('ends_before', k.text).execute();
  // The series an edit continued (null for a series planned from scratch).
  await db.schema.alterTable('shift_series').addColumn('continues_series_id', k.id).execute();
}
