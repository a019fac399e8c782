import type { Kysely, Transaction } from 'kysely';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Whose shifts a calendar feed lists: one person's, or one site's. */
export type FeedOwner = { accountId: string } | { siteId: string };

/** When the owner's live (unrevoked) feed was made, or undefined when there is none. */
export async function liveFeedCreatedAt(db: Db, networkId: string, owner: FeedOwner): Promise<string | undefined> {
  let q = db
    .selectFrom('calendar_feeds')
    .select('created_at')
    .where('network_id', '=', networkId)
    .where('revoked_at', 'is', null);
  q = 'accountId' in owner ? q.where('account_id', '=', owner.accountId) : q.where('site_id', '=', owner.siteId);
  const row = await q.executeTakeFirst();
  return row && toIso(row.created_at);
}

/** Revoke the owner's live feeds. */
export async function revokeFeeds(trx: Db, networkId: string, owner: FeedOwner, now: string): Promise<void> {
  let revoke = trx
    .updateTable('calendar_feeds')
    .set({ revoked_at: now })
    .where('network_id', '=', networkId)
    .where('revoked_at', 'is', null);
  revoke = 'accountId' in owner ? revoke.where('account_id', '=', owner.accountId) : revoke.where('site_id', '=', owner.siteId);
  await revoke.execute();
}

/** Insert a live feed; only the hash of its secret token is kept. */
export async function insertFeed(
  trx: Db,
  f: { id: string; networkId: string; owner: FeedOwner; tokenHash: string; createdBy: string; now: string },
): Promise<void> {
  await trx
    .insertInto('calendar_feeds')
    .values({
      id: f.id,
      network_id: f.networkId,
      account_id: 'accountId' in f.owner ? f.owner.accountId : null,
      site_id: 'siteId' in f.owner ? f.owner.siteId : null,
      token_hash: f.tokenHash,
      created_by: f.createdBy,
      created_at: f.now,
      revoked_at: null,
    })
    .execute();
}

/** The live feed behind a secret token's hash, or undefined for an unknown or revoked one. */
export async function liveFeedByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<{ id: string; networkId: string; owner: FeedOwner } | undefined> {
  const r = await db
    .selectFrom('calendar_feeds')
    .select(['id', 'network_id', 'account_id', 'site_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r && { id: r.id, networkId: r.network_id, owner: r.account_id ? { accountId: r.account_id } : { siteId: r.site_id! } };
}
