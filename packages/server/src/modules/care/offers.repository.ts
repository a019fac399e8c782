import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CareOffersTable } from '../../db/schema-care.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type CareOfferRow = Selectable<CareOffersTable>;

export async function insertOffer(db: Db, row: CareOfferRow): Promise<void> {
  await db.insertInto('care_offers').values(row).execute();
}

export async function findOffer(db: Db, networkId: string, id: string): Promise<CareOfferRow | undefined> {
  return db.selectFrom('care_offers').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
}

/** Offers in the order coordinators work them: pending first, then newest. */
export async function listOffers(db: Db, networkId: string, status: string | undefined, limit = 500): Promise<CareOfferRow[]> {
  let q = db.selectFrom('care_offers').selectAll().where('network_id', '=', networkId);
  if (status) q = q.where('status', '=', status);
  return q
    .orderBy((eb) => eb.case().when('status', '=', 'pending').then(0).else(1).end())
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Decide a pending offer: false when someone decided it first. */
export async function decideOffer(
  db: Db,
  networkId: string,
  id: string,
  change: Pick<CareOfferRow, 'status' | 'decided_by' | 'decided_at' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('care_offers')
    .set(change)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
