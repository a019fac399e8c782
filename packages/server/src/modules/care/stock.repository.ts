import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CareReservationsTable, CareStockMovementsTable } from '../../db/schema-care.ts';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type StockMovementRow = Selectable<CareStockMovementsTable>;
export type CareReservationRow = Selectable<CareReservationsTable>;

const changed = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows) === 1;

/** The stock line of an item at a hub, created empty when the hub never held it. */
export async function ensureStockLine(db: Db, networkId: string, hubId: string, itemId: string, now: string): Promise<void> {
  await db
    .insertInto('care_hub_stock')
    .values({
      id: newId(),
      network_id: networkId,
      hub_id: hubId,
      item_id: itemId,
      on_hand: 0,
      reserved: 0,
      low_threshold: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['hub_id', 'item_id']).doNothing())
    .execute();
}

/** Items in (a donation, a transfer in, a return after pick-up). */
export async function addOnHand(db: Db, hubId: string, itemId: string, n: number, now: string): Promise<void> {
  await db
    .updateTable('care_hub_stock')
    .set((eb) => ({ on_hand: eb('on_hand', '+', n), updated_at: now }))
    .where('hub_id', '=', hubId)
    .where('item_id', '=', itemId)
    .execute();
}

/**
 * Items off the shelf that nobody packed (spoiled, sent to another hub): only if that many
 * are free (on hand and not reserved), in one conditional update; false when they are not.
 */
export async function takeFree(db: Db, hubId: string, itemId: string, n: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('care_hub_stock')
    .set((eb) => ({ on_hand: eb('on_hand', '-', n), updated_at: now }))
    .where('hub_id', '=', hubId)
    .where('item_id', '=', itemId)
    .where((eb) => eb(eb('on_hand', '-', eb.ref('reserved')), '>=', n))
    .executeTakeFirst();
  return changed(r);
}

/**
 * Pack n for a task: reserved grows only while on_hand - reserved >= n, checked by the
 * database in the same statement, so of any number of packers at once no more succeed than
 * the shelf holds, on both dialects; false when it does not.
 */
export async function reserve(db: Db, hubId: string, itemId: string, n: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('care_hub_stock')
    .set((eb) => ({ reserved: eb('reserved', '+', n), updated_at: now }))
    .where('hub_id', '=', hubId)
    .where('item_id', '=', itemId)
    .where((eb) => eb(eb('on_hand', '-', eb.ref('reserved')), '>=', n))
    .executeTakeFirst();
  return changed(r);
}

/** Packed items leave with the driver (picked up: out of on hand and reserved) or go back on the shelf (released). */
export async function settleReserved(
  db: Db,
  hubId: string,
  itemId: string,
  n: number,
  leaves: boolean,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('care_hub_stock')
    .set((eb) => ({
      reserved: eb('reserved', '-', n),
      ...(leaves ? { on_hand: eb('on_hand', '-', n) } : {}),
      updated_at: now,
    }))
    .where('hub_id', '=', hubId)
    .where('item_id', '=', itemId)
    .where('reserved', '>=', n)
    .executeTakeFirst();
  return changed(r);
}

/** A stock-take: on hand set to a count, only if it still covers what is packed. */
export async function setOnHand(db: Db, hubId: string, itemId: string, count: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('care_hub_stock')
    .set({ on_hand: count, updated_at: now })
    .where('hub_id', '=', hubId)
    .where('item_id', '=', itemId)
    .where('reserved', '<=', count)
    .executeTakeFirst();
  return changed(r);
}

export async function setThreshold(db: Db, hubId: string, itemId: string, threshold: number | null, now: string) {
  await db
    .updateTable('care_hub_stock')
    .set({ low_threshold: threshold, updated_at: now })
    .where('hub_id', '=', hubId)
    .where('item_id', '=', itemId)
    .execute();
}

export async function findStockLine(db: Db, hubId: string, itemId: string) {
  return db.selectFrom('care_hub_stock').selectAll().where('hub_id', '=', hubId).where('item_id', '=', itemId).executeTakeFirst();
}

export async function insertMovement(db: Db, row: Omit<StockMovementRow, 'id'>): Promise<void> {
  await db
    .insertInto('care_stock_movements')
    .values({ id: newId(), ...row })
    .execute();
}

export async function listMovements(db: Db, networkId: string, hubId: string, limit = 500): Promise<StockMovementRow[]> {
  return db
    .selectFrom('care_stock_movements')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('hub_id', '=', hubId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertReservation(db: Db, row: CareReservationRow): Promise<void> {
  await db.insertInto('care_reservations').values(row).execute();
}

/** A task's reservations with hub and item names, optionally only at one hub or in some statuses. */
export async function reservationsOf(
  db: Db,
  networkId: string,
  taskId: string,
  filter: { hubId?: string; status?: readonly string[] } = {},
) {
  let q = db
    .selectFrom('care_reservations as r')
    .innerJoin('care_hubs as h', 'h.id', 'r.hub_id')
    .innerJoin('care_items as i', 'i.id', 'r.item_id')
    .selectAll('r')
    .select(['h.name as hub_name', 'i.name as item_name'])
    .where('r.network_id', '=', networkId)
    .where('r.task_id', '=', taskId);
  if (filter.hubId) q = q.where('r.hub_id', '=', filter.hubId);
  if (filter.status) q = q.where('r.status', 'in', filter.status);
  return q.orderBy('r.created_at').orderBy('r.id').execute();
}

/** Move a reservation on, only from the status the caller saw: false when someone moved it first. */
export async function moveReservation(db: Db, id: string, from: string, to: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('care_reservations')
    .set({ status: to, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return changed(r);
}

/** Tasks holding items at a hub (reserved): a hub with any cannot be archived. */
export async function hubHasReserved(db: Db, hubId: string): Promise<boolean> {
  const row = await db
    .selectFrom('care_hub_stock')
    .select('id')
    .where('hub_id', '=', hubId)
    .where('reserved', '>', 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether an account drives a live task (assigned or picked up) packed at this hub. */
export async function drivesTaskAtHub(db: Db, networkId: string, hubId: string, accountId: string) {
  return db
    .selectFrom('care_reservations as r')
    .innerJoin('care_tasks as t', 't.id', 'r.task_id')
    .select(['t.id', 't.claimed_org_id', 't.status'])
    .where('r.network_id', '=', networkId)
    .where('r.hub_id', '=', hubId)
    .where('r.status', 'in', ['reserved', 'picked_up'])
    .where('t.driver_account_id', '=', accountId)
    .where('t.status', 'in', ['assigned', 'picked_up'])
    .where('t.closed_at', 'is', null)
    .executeTakeFirst();
}
