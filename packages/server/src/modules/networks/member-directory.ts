import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findAccountsByIds } from '../identity/index.ts';
import * as repo from './networks.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Members of an organization with their names and emails (from identity), by name. */
export async function membersOf(db: Db, organizationId: string) {
  const memberships = await repo.listMemberships(db, organizationId);
  const accounts = await findAccountsByIds(
    db,
    memberships.map((m) => m.accountId),
  );
  return memberships
    .map((m) => {
      const a = accounts.get(m.accountId);
      return { ...m, displayName: a?.displayName ?? '', email: a?.email ?? '' };
    })
    .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
}

/** Pending memberships of a network with their people's names, oldest first. */
export async function pendingMembersOf(db: Db, networkId: string, viewerAccountId: string) {
  const pending = await repo.listPendingMemberships(db, networkId, viewerAccountId);
  const accounts = await findAccountsByIds(
    db,
    pending.map((m) => m.accountId),
  );
  return pending.map((m) => ({ ...m, displayName: accounts.get(m.accountId)?.displayName ?? '' }));
}
