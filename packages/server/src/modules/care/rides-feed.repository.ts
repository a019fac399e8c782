import type { Kysely, Transaction } from 'kysely';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** When the person's live rides feed was made, or undefined when there is none. */
export async function liveRideFeedCreatedAt(db: Db, networkId: string, accountId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('care_ride_feeds')
    .select('created_at')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && toIso(row.created_at);
}

/** Revoke the person's live rides feeds. */
export async function revokeRideFeeds(db: Db, networkId: string, accountId: string, now: string): Promise<void> {
  await db
    .updateTable('care_ride_feeds')
    .set({ revoked_at: now })
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** A live feed; only the secret token's hash is kept. */
export async function insertRideFeed(
  db: Db,
  f: { id: string; networkId: string; accountId: string; tokenHash: string; now: string },
): Promise<void> {
  await db
    .insertInto('care_ride_feeds')
    .values({
      id: f.id,
      network_id: f.networkId,
      account_id: f.accountId,
      token_hash: f.tokenHash,
      created_at: f.now,
      revoked_at: null,
    })
    .execute();
}

/** The live feed behind a token's hash, or undefined for an unknown or revoked one. */
export async function liveRideFeedByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('care_ride_feeds')
    .select(['id', 'network_id', 'account_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
