import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * The care network's deliveries (issue 11): requests for groceries, baby supplies,
 * medicine and the like, and the tasks that bring them. The requester's contact, the
 * address and the items are ciphertexts (`_enc`); in the clear only the coarse area (an H3
 * cell at resolution 8 and a neighbourhood name from the gazetteer), statuses and times.
 * A task's `version` makes claiming a conditional update: two claims at once, one wins.
 * New tables, so no plaintext rows exist to backfill.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await db.schema
    .createTable('care_requests')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('origin', k.text, (c) => c.notNull())
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('items_enc', k.text, (c) => c.notNull())
    .addColumn('contact_enc', k.text)
    .addColumn('address_enc', k.text)
    .addColumn('point_enc', k.text)
    .addColumn('area_cell', k.text)
    .addColumn('area_name', k.text)
    .addColumn('language', k.text, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('decline_reason_enc', k.text)
    .addColumn('merged_into', k.id)
    .addColumn('receipt_code', k.text)
    .addColumn('dedupe_hash', k.text)
    .addColumn('filed_by', k.id)
    .addColumn('decided_by', k.id)
    .addColumn('decided_at', k.timestamp)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('care_requests_receipt')
    .on('care_requests')
    .columns(['network_id', 'receipt_code'])
    .unique()
    .execute();
  await db.schema
    .createIndex('care_requests_dedupe')
    .on('care_requests')
    .columns(['network_id', 'dedupe_hash'])
    .unique()
    .execute();
  await db.schema
    .createIndex('care_requests_triage')
    .on('care_requests')
    .columns(['network_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('care_tasks')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('request_id', k.id, (c) => c.notNull().references('care_requests.id').onDelete('cascade'))
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('version', k.integer, (c) => c.notNull())
    .addColumn('claimed_org_id', k.id)
    .addColumn('claimed_by', k.id)
    .addColumn('claimed_at', k.timestamp)
    .addColumn('driver_account_id', k.id)
    .addColumn('assigned_at', k.timestamp)
    .addColumn('picked_up_at', k.timestamp)
    .addColumn('delivered_at', k.timestamp)
    .addColumn('failed_at', k.timestamp)
    .addColumn('failure_reason_enc', k.text)
    .addColumn('closed_at', k.timestamp)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_tasks_request').on('care_tasks').columns(['request_id']).unique().execute();
  await db.schema.createIndex('care_tasks_status').on('care_tasks').columns(['network_id', 'status', 'created_at']).execute();

  // "Request instead of Claim": another organization asks the owner for a claimed task.
  await db.schema
    .createTable('care_claim_requests')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('task_id', k.id, (c) => c.notNull().references('care_tasks.id').onDelete('cascade'))
    .addColumn('organization_id', k.id, (c) => c.notNull())
    .addColumn('requested_by', k.id, (c) => c.notNull())
    .addColumn('reason_enc', k.text, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('decided_by', k.id)
    .addColumn('decided_at', k.timestamp)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_claim_requests_task').on('care_claim_requests').columns(['task_id', 'status']).execute();
}
