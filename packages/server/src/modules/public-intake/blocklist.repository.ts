import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Whether a number (as its keyed hash) is blocked in a network. */
export async function isBlocked(db: Db, networkId: string, numberHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('sms_blocklist')
    .select('number_hash')
    .where('network_id', '=', networkId)
    .where('number_hash', '=', numberHash)
    .executeTakeFirst();
  return !!row;
}

/** Block a number hash; false if it was already blocked. */
export async function insertBlock(db: Db, networkId: string, numberHash: string, now: Date): Promise<boolean> {
  const res = await db
    .insertInto('sms_blocklist')
    .values({ network_id: networkId, number_hash: numberHash, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['network_id', 'number_hash']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Unblock a number hash; false if it was not blocked. */
export async function deleteBlock(db: Db, networkId: string, numberHash: string): Promise<boolean> {
  const res = await db
    .deleteFrom('sms_blocklist')
    .where('network_id', '=', networkId)
    .where('number_hash', '=', numberHash)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
