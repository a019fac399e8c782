import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Care network, part 1 (issue 11): offers of items, driving time and storage (what is offered
 * and the contact are ciphertexts; kind, status and times in the clear), and the requester's
 * discreet mode (notifications say only "Update on your request ABC123"). The index on task
 * status and last change serves the auto-release job. New table and a defaulted column: no
 * plaintext to backfill.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await db.schema
    .alterTable('care_requests')
    .addColumn('discreet', k.bool, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('care_tasks_untouched').on('care_tasks').columns(['status', 'updated_at']).execute();
  await db.schema
    .createIndex('care_claim_requests_pending')
    .on('care_claim_requests')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('care_offers')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('organization_id', k.id)
    .addColumn('offered_by', k.id, (c) => c.notNull())
    .addColumn('details_enc', k.text, (c) => c.notNull())
    .addColumn('contact_enc', k.text, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('decided_by', k.id)
    .addColumn('decided_at', k.timestamp)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_offers_list').on('care_offers').columns(['network_id', 'status', 'created_at']).execute();
}
