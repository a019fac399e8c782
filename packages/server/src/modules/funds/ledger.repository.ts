import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { FundAllocationsTable, FundEntriesTable, FundEntryLinesTable, FundsTable } from '../../db/schema-funds.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type FundRow = Selectable<FundsTable>;
export type AllocationRow = Selectable<FundAllocationsTable>;
export type EntryRow = Selectable<FundEntriesTable>;
export type LineRow = Selectable<FundEntryLinesTable>;

export async function insertFund(db: Db, row: FundRow): Promise<void> {
  await db.insertInto('funds').values(row).execute();
}

export async function findFund(db: Db, networkId: string, id: string): Promise<FundRow | undefined> {
  return db.selectFrom('funds').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
}

export async function listFunds(db: Db, networkId: string): Promise<FundRow[]> {
  return db.selectFrom('funds').selectAll().where('network_id', '=', networkId).orderBy('created_at').orderBy('id').execute();
}

export async function insertAllocation(db: Db, row: AllocationRow): Promise<void> {
  await db.insertInto('fund_allocations').values(row).execute();
}

export async function findAllocation(db: Db, networkId: string, id: string): Promise<AllocationRow | undefined> {
  return db
    .selectFrom('fund_allocations')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listAllocations(db: Db, networkId: string, fundId: string): Promise<AllocationRow[]> {
  return db
    .selectFrom('fund_allocations')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('fund_id', '=', fundId)
    .orderBy('created_at')
    .execute();
}

/** Lock a fund's row for the rest of the transaction (a no-op update: portable, unlike FOR UPDATE). */
export async function lockFund(db: Db, fundId: string): Promise<void> {
  await db.updateTable('funds').set({ balance: sql`balance` }).where('id', '=', fundId).execute();
}

/** What a fund's allocations hold together. */
export async function allocatedTotal(db: Db, fundId: string): Promise<number> {
  const r = await db
    .selectFrom('fund_allocations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('balance'), sql<number>`0`).as('total'))
    .where('fund_id', '=', fundId)
    .executeTakeFirstOrThrow();
  return Number(r.total);
}

/**
 * Add `delta` to a running balance, only if it stays at or above zero (unless overdraft is
 * allowed): false when it would not. One conditional UPDATE, so two payments at once on
 * PostgreSQL are serialized by the row lock and the second re-checks the balance it waited for.
 */
export async function moveBalance(
  db: Db,
  table: 'funds' | 'fund_allocations',
  id: string,
  delta: number,
  allowNegative: boolean,
): Promise<boolean> {
  let q = db
    .updateTable(table)
    .set({ balance: sql`balance + ${delta}` })
    .where('id', '=', id);
  if (delta < 0 && !allowNegative) q = q.where('balance', '>=', -delta);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEntry(db: Db, entry: EntryRow, lines: LineRow[]): Promise<void> {
  await db.insertInto('fund_entries').values(entry).execute();
  await db.insertInto('fund_entry_lines').values(lines).execute();
}

export async function findEntry(db: Db, networkId: string, id: string): Promise<EntryRow | undefined> {
  return db.selectFrom('fund_entries').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
}

export async function findReversalOf(db: Db, entryId: string): Promise<EntryRow | undefined> {
  return db.selectFrom('fund_entries').selectAll().where('reverses_entry_id', '=', entryId).executeTakeFirst();
}

/** Entries newest first, optionally only those touching one fund. */
export async function listEntries(db: Db, networkId: string, fundId: string | undefined, limit = 500): Promise<EntryRow[]> {
  let q = db.selectFrom('fund_entries as e').selectAll('e').where('e.network_id', '=', networkId);
  if (fundId)
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('fund_entry_lines as l').select('l.id').whereRef('l.entry_id', '=', 'e.id').where('l.fund_id', '=', fundId),
      ),
    );
  return q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
}

/** Entries oldest first after a keyset position: the export's pages. */
export async function entriesPage(
  db: Db,
  networkId: string,
  after: { createdAt: string; id: string } | undefined,
  limit: number,
): Promise<EntryRow[]> {
  let q = db.selectFrom('fund_entries').selectAll().where('network_id', '=', networkId);
  if (after)
    q = q.where((eb) =>
      eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]),
    );
  return q.orderBy('created_at').orderBy('id').limit(limit).execute();
}

export async function linesOf(db: Db, entryIds: readonly string[]): Promise<LineRow[]> {
  if (entryIds.length === 0) return [];
  return db.selectFrom('fund_entry_lines').selectAll().where('entry_id', 'in', entryIds).orderBy('id').execute();
}

/** A fund's balance from its lines: what the running balance must always equal. */
export async function sumOfLines(db: Db, column: 'fund_id' | 'allocation_id', id: string): Promise<number> {
  const r = await db
    .selectFrom('fund_entry_lines')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('total'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.total);
}

/** Movements per fund, month (of the entry's local day) and kind: money in and out separately. */
export async function monthlyMovements(db: Db, networkId: string) {
  const rows = await db
    .selectFrom('fund_entry_lines as l')
    .innerJoin('fund_entries as e', 'e.id', 'l.entry_id')
    .select((eb) => [
      'l.fund_id as fundId',
      sql<string>`substr(e.occurred_on, 1, 7)`.as('month'),
      'e.kind as kind',
      eb.fn.sum<number>(sql`case when l.amount > 0 then l.amount else 0 end`).as('inflow'),
      eb.fn.sum<number>(sql`case when l.amount < 0 then l.amount else 0 end`).as('outflow'),
    ])
    .where('l.network_id', '=', networkId)
    .where('l.account', '=', 'fund')
    .groupBy(['l.fund_id', sql`substr(e.occurred_on, 1, 7)`, 'e.kind'])
    .orderBy(sql`substr(e.occurred_on, 1, 7)`)
    .orderBy('l.fund_id')
    .execute();
  return rows.map((r) => ({ ...r, fundId: r.fundId as string, inflow: Number(r.inflow), outflow: Number(r.outflow) }));
}
