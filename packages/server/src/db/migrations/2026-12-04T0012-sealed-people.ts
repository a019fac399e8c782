import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';
import { relaxNotNull } from '../relax-not-null.ts';

/** SQLite rebuilds `accounts` (referenced by most tables): the migrator turns foreign keys off around it. */
export const foreignKeysOff = true;

/**
 * Members' emails and names at rest: `email_enc` and `display_name_enc` (key purpose
 * 'person'), `email_lookup` (keyed HMAC blind index of the normalized email, unique) for
 * sign-in, and `sealed_email_hash` (scrypt with a per-deployment salt) kept for deployment
 * admins only, so they can sign in to unseal (docs/decisions/0015). The plain `email` and
 * `display_name` become nullable: identity's sealPlaintext moves existing rows into the new
 * columns once the key is loaded and clears them (a later migration can drop them).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await relaxNotNull(db, dialect, 'accounts', ['email', 'display_name']);
  await db.schema.alterTable('accounts').addColumn('email_enc', k.text).execute();
  await db.schema.alterTable('accounts').addColumn('email_lookup', k.text).execute();
  await db.schema.alterTable('accounts').addColumn('display_name_enc', k.text).execute();
  await db.schema.alterTable('accounts').addColumn('sealed_email_hash', k.text).execute();
  await db.schema.createIndex('accounts_email_lookup').on('accounts').column('email_lookup').unique().execute();
  await db.schema.createIndex('accounts_sealed_email_hash').on('accounts').column('sealed_email_hash').execute();
}
