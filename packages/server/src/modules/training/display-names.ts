import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findAccountsByIds } from '../identity/index.ts';

/**
 * Display names of these accounts, asked of identity in one batched call per list (training
 * keeps no copy of them and never joins `accounts`). Accounts are never deleted, so every id
 * a training row holds has a name.
 */
export async function displayNamesOf(
  db: Kysely<DB> | Transaction<DB>,
  keyring: Keyring,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const accounts = await findAccountsByIds(db, keyring, accountIds);
  return new Map([...accounts].map(([id, a]) => [id, a.displayName]));
}
