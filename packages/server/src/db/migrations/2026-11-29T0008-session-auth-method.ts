import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Sessions remember how they were signed in, so a rule "coordinators must use a passkey"
 * switched on later also binds sessions opened with a password before it. Sessions that
 * exist already count as password sessions: the cautious reading.
 * Passkeys get an index on their account: every signed-in request asks whether one exists.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await db.schema
    .alterTable('sessions')
    .addColumn('auth_method', k.text, (c) => c.notNull().defaultTo('password'))
    .execute();
  await db.schema.createIndex('passkeys_account').on('passkeys').column('account_id').execute();
}
