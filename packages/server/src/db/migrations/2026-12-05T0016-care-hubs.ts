import { type Kysely, sql } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Supply hubs of the care network (issue 11): a church basement, a union hall. A hub belongs
 * to one organization; its address is a ciphertext (`address_enc`), in the clear only its
 * name, coarse area and opening hours. Items are per network; stock is per hub and item, with
 * `on_hand` (on the shelf) and `reserved` (packed for a task, not yet picked up): a reservation
 * is the conditional update `reserved = reserved + n where on_hand - reserved >= n`, so stock
 * never goes negative however many coordinators pack at once. Every change is a movement row
 * (who, when, how many). New tables, so nothing to backfill.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await db.schema
    .createTable('care_hubs')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('organization_id', k.id, (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', k.text, (c) => c.notNull())
    .addColumn('area_name', k.text)
    .addColumn('area_cell', k.text)
    .addColumn('address_enc', k.text, (c) => c.notNull())
    .addColumn('hours', k.text, (c) => c.notNull())
    .addColumn('archived_at', k.timestamp)
    .addColumn('created_by', k.id)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_hubs_network').on('care_hubs').columns(['network_id', 'organization_id']).execute();

  await db.schema
    .createTable('care_items')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('name', k.text, (c) => c.notNull())
    .addColumn('name_key', k.text, (c) => c.notNull())
    .addColumn('unit', k.text, (c) => c.notNull())
    .addColumn('pack_size', k.integer, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_items_name').on('care_items').columns(['network_id', 'name_key']).unique().execute();

  await db.schema
    .createTable('care_hub_stock')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('hub_id', k.id, (c) => c.notNull().references('care_hubs.id').onDelete('cascade'))
    .addColumn('item_id', k.id, (c) => c.notNull().references('care_items.id').onDelete('cascade'))
    .addColumn('on_hand', k.integer, (c) => c.notNull())
    .addColumn('reserved', k.integer, (c) => c.notNull())
    .addColumn('low_threshold', k.integer)
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .addCheckConstraint('care_hub_stock_counts', sql`reserved >= 0 and on_hand >= reserved`)
    .execute();
  await db.schema.createIndex('care_hub_stock_item').on('care_hub_stock').columns(['hub_id', 'item_id']).unique().execute();

  await db.schema
    .createTable('care_stock_movements')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('hub_id', k.id, (c) => c.notNull().references('care_hubs.id').onDelete('cascade'))
    .addColumn('item_id', k.id, (c) => c.notNull().references('care_items.id').onDelete('cascade'))
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('quantity', k.integer, (c) => c.notNull())
    .addColumn('task_id', k.id)
    .addColumn('peer_hub_id', k.id)
    .addColumn('actor_id', k.id)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_stock_movements_hub').on('care_stock_movements').columns(['hub_id', 'created_at']).execute();

  await db.schema
    .createTable('care_reservations')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('task_id', k.id, (c) => c.notNull().references('care_tasks.id').onDelete('cascade'))
    .addColumn('hub_id', k.id, (c) => c.notNull().references('care_hubs.id').onDelete('cascade'))
    .addColumn('item_id', k.id, (c) => c.notNull().references('care_items.id').onDelete('cascade'))
    .addColumn('quantity', k.integer, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('created_by', k.id)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_reservations_task').on('care_reservations').columns(['task_id', 'status']).execute();
  await db.schema.createIndex('care_reservations_hub').on('care_reservations').columns(['hub_id', 'status']).execute();
}
