import type { Database } from '../../db/database.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { sqliteDurability } from './intake-durability.ts';
import { intakeStore, type IntakeStore } from './intake.repository.ts';

/** A committed batch: its result, and when it is on disk (acknowledge nothing before). */
export interface Committed<T> {
  result: T;
  durable: Promise<void>;
}

/**
 * Run one batch in one transaction. On SQLite the log's fsync is taken off the event loop
 * (intake-durability.ts, decision 0006): COMMIT returns at once and `durable` settles when
 * the sync has run. PostgreSQL commits with synchronous_commit=on: durable when COMMIT returns.
 */
export async function inIntakeTransaction<T>(
  database: Database,
  keyring: Keyring,
  work: (store: IntakeStore) => Promise<T>,
): Promise<Committed<T>> {
  if (database.sqlite) {
    const sqlite = database.sqlite;
    const durability = sqliteDurability(sqlite);
    // Holding Kysely's only connection keeps every other query out of this transaction.
    const result = await database.db.connection().execute((connection) =>
      durability.withoutCommitSync(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const r = await work(intakeStore(connection, 'sqlite', keyring));
          sqlite.exec('COMMIT');
          return r;
        } catch (err) {
          sqlite.exec('ROLLBACK');
          throw err;
        }
      }),
    );
    return { result, durable: durability.afterCommit() };
  }
  const result = await database.db.transaction().execute((trx) => work(intakeStore(trx, database.dialect, keyring)));
  return { result, durable: Promise.resolve() };
}
