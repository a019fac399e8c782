import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findAccountsByIds } from '../identity/index.ts';
import { findInvitersOf } from './invitations.repository.ts';
import * as repo from './networks.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Members of an organization with their names and emails (from identity), by name. */
export async function membersOf(db: Db, keyring: Keyring, organizationId: string) {
  const memberships = await repo.listMemberships(db, organizationId);
  const accounts = await findAccountsByIds(
    db,
    keyring,
    memberships.map((m) => m.accountId),
  );
  return memberships
    .map((m) => {
      const a = accounts.get(m.accountId);
      return { ...m, displayName: a?.displayName ?? '', email: a?.email ?? '' };
    })
    .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
}

/**
 * Pending memberships of a network with what a voucher needs to tell people apart:
 * name and email (from identity), the organization joined and who invited them. Oldest first.
 */
export async function pendingMembersOf(db: Db, keyring: Keyring, networkId: string, viewerAccountId: string) {
  const pending = await repo.listPendingMemberships(db, networkId, viewerAccountId);
  const inviters = await findInvitersOf(
    db,
    networkId,
    pending.map((m) => m.accountId),
  );
  const inviterOf = (m: (typeof pending)[number]) =>
    inviters.get(m.accountId)?.find((i) => i.organizationId === m.organizationId)?.invitedBy;
  const accounts = await findAccountsByIds(db, keyring, [
    ...pending.map((m) => m.accountId),
    ...pending.map(inviterOf).filter((id): id is string => id !== undefined),
  ]);
  return pending.map((m) => {
    const { organizationId: _omit, ...rest } = m;
    const invitedBy = inviterOf(m);
    const a = accounts.get(m.accountId);
    return {
      ...rest,
      displayName: a?.displayName ?? '',
      email: a?.email ?? '',
      // Null when they came in some other way (an organization's requester, the CLI).
      invitedByName: (invitedBy && accounts.get(invitedBy)?.displayName) ?? null,
    };
  });
}
