import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// system_state is the platform's own key–value table (the key check, the audit chain's head):
// one reader and writer, so no other file needs to know its shape.

type Executor = Kysely<DB> | Transaction<DB>;

/** The stored value under `key`, or undefined. */
export async function readState(db: Executor, key: string): Promise<string | undefined> {
  return (await db.selectFrom('system_state').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Store `value` under `key`, replacing what was there. */
export async function writeState(db: Executor, key: string, value: string): Promise<void> {
  const updated = await db.updateTable('system_state').set({ value }).where('key', '=', key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('system_state').values({ key, value }).execute();
}
