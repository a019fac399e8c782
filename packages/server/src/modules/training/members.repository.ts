import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Read-only lookups of a network's active (vouched) members, for walk-ins and imports.
 * Only vouched members can be trained here: a spreadsheet never creates a person.
 */
function activeMembers(db: Db, networkId: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('memberships as m', 'm.account_id', 'a.id')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .where('m.network_id', '=', networkId)
    .where('m.status', '=', 'active')
    .where('o.status', '=', 'active');
}

/** Of these account ids, the active members of the network (its admins count too). */
export async function activeMemberIds(db: Db, networkId: string, accountIds: string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await activeMembers(db, networkId).select('a.id').distinct().where('a.id', 'in', accountIds).execute();
  const admins = await db
    .selectFrom('network_admins')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('account_id', 'in', accountIds)
    .execute();
  return new Set([...rows.map((r) => r.id), ...admins.map((r) => r.account_id)]);
}

/** Active members by lower-cased email. */
export async function activeMembersByEmail(
  db: Db,
  networkId: string,
  emails: string[],
): Promise<Map<string, { id: string; displayName: string }>> {
  const out = new Map<string, { id: string; displayName: string }>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await activeMembers(db, networkId)
      .select(['a.id', 'a.email', 'a.display_name'])
      .distinct()
      .where('a.email', 'in', emails.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.email.toLowerCase(), { id: r.id, displayName: r.display_name });
  }
  return out;
}

/** Active members whose name or email contains the text (for adding a walk-in), at most 20. */
export async function searchActiveMembers(
  db: Db,
  networkId: string,
  text: string,
): Promise<{ accountId: string; displayName: string }[]> {
  // Wildcards are dropped rather than escaped: SQLite and PostgreSQL escape LIKE differently.
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, '')}%`;
  const rows = await activeMembers(db, networkId)
    .select(['a.id', 'a.display_name'])
    .distinct()
    .where((eb) => eb.or([eb(eb.fn('lower', ['a.display_name']), 'like', like), eb(eb.fn('lower', ['a.email']), 'like', like)]))
    .orderBy('a.display_name')
    .limit(20)
    .execute();
  return rows.map((r) => ({ accountId: r.id, displayName: r.display_name }));
}

/** Active organizations each of these people belongs to. */
export async function organizationsOf(db: Db, networkId: string, accountIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await activeMembers(db, networkId)
      .select(['a.id', 'm.organization_id'])
      .where('a.id', 'in', accountIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.organization_id]);
  }
  return out;
}

/** The network's active organizations. */
export async function activeOrganizations(db: Db, networkId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();
}

/** Contact details and language of one account, for reminders. */
export async function contactOf(db: Db, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['email', 'phone_enc', 'notification_channels', 'language'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}
