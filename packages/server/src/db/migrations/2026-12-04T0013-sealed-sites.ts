import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';
import { relaxNotNull } from '../relax-not-null.ts';

/** SQLite rebuilds `sites` (referenced by shifts) and `outbox`: the migrator turns foreign keys off around it. */
export const foreignKeysOff = true;

/**
 * Places and messages at rest: a watch site's address and exact point (`address_enc`,
 * `point_enc` as JSON [lat, lng], key purpose 'address'; the coarse `cell` stays plain for maps
 * and coverage), where a training meets (`training_sessions.place_enc`, 'address'), and outbox
 * message bodies (`outbox.payload_enc`, 'contact': alerts and notices name streets and carry
 * sign-in links). The plain columns become nullable; each module's sealPlaintext moves rows
 * written before this migration once the key is loaded and clears them.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await relaxNotNull(db, dialect, 'sites', ['address', 'lat', 'lng']);
  await db.schema.alterTable('sites').addColumn('address_enc', k.text).execute();
  await db.schema.alterTable('sites').addColumn('point_enc', k.text).execute();
  await db.schema.alterTable('training_sessions').addColumn('place_enc', k.text).execute();
  await relaxNotNull(db, dialect, 'outbox', ['payload']);
  await db.schema.alterTable('outbox').addColumn('payload_enc', k.text).execute();
}
