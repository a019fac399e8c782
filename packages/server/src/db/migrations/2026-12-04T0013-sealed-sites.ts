import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';
import { relaxNotNull } from '../relax-not-null.ts';

/** SQLite rebuilds `outbox`: the migrator turns foreign keys off around it. */
export const foreignKeysOff = true;

/**
 * Outbox message bodies at rest (`outbox.payload_enc`, key purpose 'contact'): alerts and
 * notices name streets and carry sign-in links. The plain `payload` becomes nullable; notify's
 * sealPlaintext moves rows written before this migration once the key is loaded and clears them.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await relaxNotNull(db, dialect, 'outbox', ['payload']);
  await db.schema.alterTable('outbox').addColumn('payload_enc', k.text).execute();
}
