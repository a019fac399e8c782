import type { ColumnDataType, Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * The funds ledger (issue 12): funds with a running balance, per-case allocations inside a
 * fund, journal entries and their lines (append-only; a correction is a reversing entry), and
 * disbursements on their way through the two-person rule. Amounts are whole minor units
 * (bigint on PostgreSQL, SQLite's integer is 64-bit already): no floating point anywhere.
 * Donor references and disbursement purposes are ciphertexts. New tables, nothing to backfill.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  const money = (dialect === 'postgres' ? 'bigint' : 'integer') as ColumnDataType;
  await db.schema
    .createTable('funds')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('name', k.text, (c) => c.notNull())
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('currency', k.text, (c) => c.notNull())
    .addColumn('balance', money, (c) => c.notNull())
    .addColumn('created_by', k.id, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('funds_network').on('funds').columns(['network_id', 'created_at']).execute();

  // case_ref is an opaque reference to a family support case: the cases module (not built yet)
  // will own it, so there is no foreign key.
  await db.schema
    .createTable('fund_allocations')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('fund_id', k.id, (c) => c.notNull().references('funds.id').onDelete('cascade'))
    .addColumn('case_ref', k.text)
    .addColumn('balance', money, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_allocations_fund').on('fund_allocations').columns(['fund_id']).execute();

  await db.schema
    .createTable('fund_entries')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('occurred_on', k.text, (c) => c.notNull())
    .addColumn('source_type', k.text)
    .addColumn('payee_type', k.text)
    .addColumn('restricted', k.bool, (c) => c.notNull())
    .addColumn('donor_ref_enc', k.text)
    .addColumn('reverses_entry_id', k.id)
    .addColumn('created_by', k.id, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_entries_network').on('fund_entries').columns(['network_id', 'created_at']).execute();
  // An entry is reversed at most once, even by two treasurers at the same moment.
  await db.schema.createIndex('fund_entries_reverses').on('fund_entries').columns(['reverses_entry_id']).unique().execute();

  await db.schema
    .createTable('fund_entry_lines')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('entry_id', k.id, (c) => c.notNull().references('fund_entries.id').onDelete('cascade'))
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('account', k.text, (c) => c.notNull())
    .addColumn('fund_id', k.id, (c) => c.references('funds.id').onDelete('cascade'))
    .addColumn('allocation_id', k.id, (c) => c.references('fund_allocations.id').onDelete('cascade'))
    .addColumn('amount', money, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_entry_lines_entry').on('fund_entry_lines').columns(['entry_id']).execute();
  await db.schema.createIndex('fund_entry_lines_fund').on('fund_entry_lines').columns(['fund_id']).execute();

  await db.schema
    .createTable('fund_disbursements')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('fund_id', k.id, (c) => c.notNull().references('funds.id').onDelete('cascade'))
    .addColumn('allocation_id', k.id, (c) => c.references('fund_allocations.id').onDelete('cascade'))
    .addColumn('payee_type', k.text, (c) => c.notNull())
    .addColumn('amount', money, (c) => c.notNull())
    .addColumn('purpose_enc', k.text, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('needs_approval', k.bool, (c) => c.notNull())
    .addColumn('requested_by', k.id, (c) => c.notNull())
    .addColumn('approved_by', k.id)
    .addColumn('approved_at', k.timestamp)
    .addColumn('decided_by', k.id)
    .addColumn('paid_by', k.id)
    .addColumn('paid_at', k.timestamp)
    .addColumn('entry_id', k.id)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('fund_disbursements_network')
    .on('fund_disbursements')
    .columns(['network_id', 'status', 'created_at'])
    .execute();
}
