import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findAccountsByEmails, searchAccountsAmong } from '../identity/index.ts';
import { activeMembershipsOf, networkAdminIds } from '../networks/index.ts';

type Db = Kysely<DB> | Transaction<DB>;

// Training's view of a network's active (vouched) members, for trainers, walk-ins and imports.
// Who belongs where is networks'; names and emails are identity's. Each list is one batched
// call to each, never a call per person. Only vouched members can be trained here: a
// spreadsheet never creates a person.

/** Of these account ids, the active members of the network (its admins count too). */
export async function activeMemberIds(db: Db, networkId: string, accountIds: string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const memberships = await activeMembershipsOf(db, networkId, { accountIds });
  const admins = await networkAdminIds(db, networkId, accountIds);
  return new Set([...memberships.map((m) => m.accountId), ...admins]);
}

/** Active members by lower-cased email. */
export async function activeMembersByEmail(
  db: Db,
  keyring: Keyring,
  networkId: string,
  emails: string[],
): Promise<Map<string, { id: string; displayName: string }>> {
  const out = new Map<string, { id: string; displayName: string }>();
  if (emails.length === 0) return out;
  const accounts = await findAccountsByEmails(db, keyring, emails);
  const accountIds = [...accounts.values()].map((a) => a.id);
  const members = new Set((await activeMembershipsOf(db, networkId, { accountIds })).map((m) => m.accountId));
  for (const [email, a] of accounts) if (members.has(a.id)) out.set(email, { id: a.id, displayName: a.displayName });
  return out;
}

/** Active members whose name or email contains the text (for adding a walk-in), at most 20. */
export async function searchActiveMembers(
  db: Db,
  keyring: Keyring,
  networkId: string,
  text: string,
): Promise<{ accountId: string; displayName: string }[]> {
  const memberIds = [...new Set((await activeMembershipsOf(db, networkId)).map((m) => m.accountId))];
  const found = await searchAccountsAmong(db, keyring, memberIds, text, 20);
  return found.map((a) => ({ accountId: a.id, displayName: a.displayName }));
}

/** Active organizations each of these people belongs to. */
export async function organizationsOf(db: Db, networkId: string, accountIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (accountIds.length === 0) return out;
  for (const m of await activeMembershipsOf(db, networkId, { accountIds }))
    out.set(m.accountId, [...(out.get(m.accountId) ?? []), m.organizationId]);
  return out;
}
