import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { EncryptedColumn } from './encrypted-columns.ts';
import type { Keyring } from './keyring.ts';

/** How many fields one batch re-encrypts, so rotation never holds a long transaction. */
const BATCH = 200;

/**
 * Re-encrypt one batch of fields still under an earlier key, in the given columns (every
 * module's: src/modules.ts). Returns how many were rewritten; 0 means rotation is complete. Each update only applies if the field is
 * unchanged since it was read, so a concurrent edit is never overwritten.
 */
export async function reencryptBatch(db: Kysely<DB>, keyring: Keyring, columns: readonly EncryptedColumn[]): Promise<number> {
  const current = `v1.${keyring.keyId}.%`;
  const untyped = db as unknown as Kysely<Record<string, Record<string, string | null>>>;
  let done = 0;
  for (const col of columns) {
    const rows = await untyped
      .selectFrom(col.table)
      .select([sql.ref<string>(col.idColumn).as('id'), sql.ref<string>(col.column).as('value')])
      .where(col.column, 'is not', null)
      .where(col.column, 'not like', current)
      .limit(BATCH - done)
      .execute();
    for (const row of rows) {
      const value = row.value as string;
      const fresh = keyring.encrypt(col.purpose, keyring.decrypt(col.purpose, value));
      await untyped
        .updateTable(col.table)
        .set({ [col.column]: fresh })
        .where(col.idColumn, '=', row.id)
        .where(col.column, '=', value)
        .execute();
      done++;
    }
    if (done >= BATCH) break;
  }
  return done;
}

/** Re-encrypt everything still under an earlier key, batch by batch, yielding between batches. */
export async function reencryptAll(
  db: Kysely<DB>,
  keyring: Keyring,
  columns: readonly EncryptedColumn[],
  onBatch?: (n: number) => void,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await reencryptBatch(db, keyring, columns);
    if (n === 0) return total;
    total += n;
    onBatch?.(n);
    await new Promise((r) => setImmediate(r));
  }
}
