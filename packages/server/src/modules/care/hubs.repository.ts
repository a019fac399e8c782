import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CareHubStockTable, CareHubsTable, CareItemsTable } from '../../db/schema-care.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type CareHubRow = Selectable<CareHubsTable>;
export type CareItemRow = Selectable<CareItemsTable>;
/** A stock line with its item's name, unit and pack size. */
export type StockLineRow = Selectable<CareHubStockTable> & Pick<CareItemRow, 'name' | 'unit' | 'pack_size'>;

/** The hub columns lists read: never the address. */
const HUB_COLUMNS = [
  'id',
  'network_id',
  'organization_id',
  'name',
  'area_name',
  'area_cell',
  'hours',
  'archived_at',
  'created_by',
  'created_at',
  'updated_at',
] as const;
export type CareHubListRow = Omit<CareHubRow, 'address_enc'>;

export async function insertHub(db: Db, row: CareHubRow): Promise<void> {
  await db.insertInto('care_hubs').values(row).execute();
}

export async function updateHub(db: Db, networkId: string, id: string, change: Partial<CareHubRow>): Promise<void> {
  await db.updateTable('care_hubs').set(change).where('network_id', '=', networkId).where('id', '=', id).execute();
}

/** A hub of the network that is not archived, without its address. */
export async function findHub(db: Db, networkId: string, id: string): Promise<CareHubListRow | undefined> {
  return db
    .selectFrom('care_hubs')
    .select(HUB_COLUMNS)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

export async function listHubs(db: Db, networkId: string): Promise<CareHubListRow[]> {
  return db
    .selectFrom('care_hubs')
    .select(HUB_COLUMNS)
    .where('network_id', '=', networkId)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .limit(500)
    .execute();
}

/** The address of a hub: read only by the service, under the hub address rule. */
export async function findHubAddress(db: Db, networkId: string, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('care_hubs')
    .select('address_enc')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.address_enc;
}

export async function insertItem(db: Db, row: CareItemRow): Promise<void> {
  await db.insertInto('care_items').values(row).execute();
}

export async function listItems(db: Db, networkId: string): Promise<CareItemRow[]> {
  return db.selectFrom('care_items').selectAll().where('network_id', '=', networkId).orderBy('name_key').limit(2000).execute();
}

export async function findItem(db: Db, networkId: string, id: string): Promise<CareItemRow | undefined> {
  return db.selectFrom('care_items').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
}

export async function findItemByName(db: Db, networkId: string, nameKey: string): Promise<CareItemRow | undefined> {
  return db
    .selectFrom('care_items')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('name_key', '=', nameKey)
    .executeTakeFirst();
}

/** Stock lines of some hubs of the network, by item name. */
export async function stockOf(db: Db, networkId: string, hubIds: readonly string[]): Promise<StockLineRow[]> {
  if (hubIds.length === 0) return [];
  return db
    .selectFrom('care_hub_stock as s')
    .innerJoin('care_items as i', 'i.id', 's.item_id')
    .selectAll('s')
    .select(['i.name', 'i.unit', 'i.pack_size'])
    .where('s.network_id', '=', networkId)
    .where('s.hub_id', 'in', hubIds)
    .orderBy('i.name_key')
    .execute();
}

/** An item by name, added when the network has none of that name (a concurrent import may add it first). */
export async function ensureItem(db: Db, row: CareItemRow): Promise<CareItemRow> {
  await db
    .insertInto('care_items')
    .values(row)
    .onConflict((oc) => oc.columns(['network_id', 'name_key']).doNothing())
    .execute();
  return (await findItemByName(db, row.network_id, row.name_key))!;
}
