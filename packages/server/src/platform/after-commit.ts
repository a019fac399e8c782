import type { Transaction } from 'kysely';

const pending = new WeakMap<Transaction<any>, (() => Promise<unknown>)[]>();

/**
 * Run `work` once the transaction has committed (and never if it rolls back): for
 * announcing what the transaction did, e.g. publishing an alert to live pages.
 */
export function afterCommit(trx: Transaction<any>, work: () => Promise<unknown>): void {
  const list = pending.get(trx);
  if (list) list.push(work);
  else pending.set(trx, [work]);
}

/** Run a transaction, then what it asked to run after commit. */
export async function runWithAfterCommit<T>(
  open: (work: (trx: Transaction<any>) => Promise<T>) => Promise<T>,
  work: (trx: Transaction<any>) => Promise<T>,
): Promise<T> {
  let tx: Transaction<any> | undefined;
  const result = await open((trx) => {
    tx = trx;
    return work(trx);
  });
  const tasks = tx ? (pending.get(tx) ?? []) : [];
  if (tx) pending.delete(tx);
  for (const task of tasks) await task().catch(() => undefined);
  return result;
}
