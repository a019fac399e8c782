import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './ledger.repository.ts';

/** One line to post: money into (+) or out of (−) a fund (and an allocation in it) or an outside account. */
export interface PostLine {
  account: 'fund' | 'income' | 'expense';
  fundId?: string;
  allocationId?: string;
  amount: number;
}

/**
 * Post one balanced entry and move the running balances it touches, in the caller's
 * transaction: the entry, its lines and the balances commit together or not at all. A fund
 * never goes below zero unless the network allows overdraft, an allocation never does;
 * either refusal is 409 `insufficient_funds` and rolls the whole step back.
 */
export async function postEntry(
  trx: Transaction<DB>,
  entry: Omit<repo.EntryRow, 'id'>,
  lines: PostLine[],
  allowOverdraft: boolean,
): Promise<repo.EntryRow & { lines: repo.LineRow[] }> {
  let sum = 0;
  for (const l of lines) {
    if (!Number.isSafeInteger(l.amount)) throw new Error('ledger amounts are whole minor units');
    sum += l.amount;
  }
  // A programming error, never a user's: every caller builds both sides.
  if (sum !== 0) throw new Error(`unbalanced entry: lines sum to ${sum}`);
  const row: repo.EntryRow = { id: newId(), ...entry };
  const lineRows: repo.LineRow[] = lines.map((l) => ({
    id: newId(),
    entry_id: row.id,
    network_id: entry.network_id,
    account: l.account,
    fund_id: l.fundId ?? null,
    allocation_id: l.allocationId ?? null,
    amount: l.amount,
  }));
  await repo.insertEntry(trx, row, lineRows);
  // Net change per fund and per allocation, applied in id order so two transfers in opposite
  // directions lock their funds in the same order on PostgreSQL (no deadlock).
  const funds = new Map<string, number>();
  const allocations = new Map<string, number>();
  for (const l of lines) {
    if (l.fundId) funds.set(l.fundId, (funds.get(l.fundId) ?? 0) + l.amount);
    if (l.allocationId) allocations.set(l.allocationId, (allocations.get(l.allocationId) ?? 0) + l.amount);
  }
  for (const [id, delta] of [...funds].sort(([a], [b]) => a.localeCompare(b)))
    if (delta !== 0 && !(await repo.moveBalance(trx, 'funds', id, delta, allowOverdraft))) throw conflict('insufficient_funds');
  for (const [id, delta] of [...allocations].sort(([a], [b]) => a.localeCompare(b)))
    if (delta !== 0 && !(await repo.moveBalance(trx, 'fund_allocations', id, delta, false))) throw conflict('insufficient_funds');
  return { ...row, lines: lineRows };
}

/** Today in a time zone, as YYYY-MM-DD: the day an entry is booked on when none is given. */
export function localDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
