import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Reports that arrive while the server is sealed wait here, each one a sealed box to the
 * sealed-intake public key (decision 0016): the server can store them but not read them
 * until it is unsealed, when they are filed as normal reports and deleted. Beside the box
 * only what answering needs: the receipt code, and a hash of the idempotency key or SMS id
 * so that a replay gets the same receipt. No foreign key to networks: a row whose network
 * was deleted meanwhile is dropped, audited, when the queue is drained.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await db.schema
    .createTable('sealed_intake')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull())
    .addColumn('received_at', k.timestamp, (c) => c.notNull())
    .addColumn('sealed', k.text, (c) => c.notNull())
    .addColumn('dedupe_hash', k.text)
    .addColumn('receipt_code', k.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sealed_intake_dedupe')
    .on('sealed_intake')
    .columns(['network_id', 'dedupe_hash'])
    .unique()
    .execute();
  await db.schema
    .createIndex('sealed_intake_receipt')
    .on('sealed_intake')
    .columns(['network_id', 'receipt_code'])
    .unique()
    .execute();
  await db.schema.createIndex('sealed_intake_order').on('sealed_intake').columns(['received_at', 'id']).execute();
}
