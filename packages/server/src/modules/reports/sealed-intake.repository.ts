import type { Kysely, Transaction } from 'kysely';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A report held while sealed: the box, and what answering it needs. */
export interface HeldRow {
  id: string;
  networkId: string;
  receivedAt: string;
  sealed: string;
  dedupeHash: string | null;
  receiptCode: string;
}

const toHeld = (r: {
  id: string;
  network_id: string;
  received_at: string | Date;
  sealed: string;
  dedupe_hash: string | null;
  receipt_code: string;
}): HeldRow => ({
  id: r.id,
  networkId: r.network_id,
  receivedAt: toIso(r.received_at),
  sealed: r.sealed,
  dedupeHash: r.dedupe_hash,
  receiptCode: r.receipt_code,
});

/** Store a held report; false when a row with the same dedupe hash or receipt code is there already. */
export async function insertHeld(db: Db, row: HeldRow): Promise<boolean> {
  const result = await db
    .insertInto('sealed_intake')
    .values({
      id: row.id,
      network_id: row.networkId,
      received_at: row.receivedAt,
      sealed: row.sealed,
      dedupe_hash: row.dedupeHash,
      receipt_code: row.receiptCode,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The held report filed under a dedupe hash, if any. */
export async function findHeldByDedupe(db: Db, networkId: string, dedupeHash: string): Promise<HeldRow | undefined> {
  const r = await db
    .selectFrom('sealed_intake')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('dedupe_hash', '=', dedupeHash)
    .executeTakeFirst();
  return r && toHeld(r);
}

/** Whether a receipt code belongs to a report still held. */
export async function isHeldReceipt(db: Db, networkId: string, receiptCode: string): Promise<boolean> {
  const r = await db
    .selectFrom('sealed_intake')
    .select('id')
    .where('network_id', '=', networkId)
    .where('receipt_code', '=', receiptCode)
    .executeTakeFirst();
  return r !== undefined;
}

/** The next held reports in arrival order, after a cursor (the last one a drain looked at). */
export async function nextHeld(db: Db, after: { receivedAt: string; id: string } | undefined, limit: number): Promise<HeldRow[]> {
  let q = db.selectFrom('sealed_intake').selectAll();
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('received_at', '>', after.receivedAt),
        eb.and([eb('received_at', '=', after.receivedAt), eb('id', '>', after.id)]),
      ]),
    );
  const rows = await q.orderBy('received_at').orderBy('id').limit(limit).execute();
  return rows.map(toHeld);
}

/** Delete held reports by id (in the transaction that filed them, or that audits dropping them). */
export async function deleteHeld(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('sealed_intake').where('id', 'in', ids).execute();
}

/** How many reports are held. */
export async function countHeld(db: Db): Promise<number> {
  const r = await db
    .selectFrom('sealed_intake')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
