import type { NetworkSettings, OrgRole } from '@switchboard/shared';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { fromJson, toIso, toIsoOrNull } from '../../db/rows.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { DB } from '../../db/schema.ts';
import { withDefaults } from './network-settings.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Settings = z.infer<typeof NetworkSettings>;

/** A network row, decoded. */
export interface NetworkRow {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  settings: Settings;
}

/** Find a network by slug. */
export async function findNetworkBySlug(db: Db, slug: string): Promise<NetworkRow | undefined> {
  const r = await db.selectFrom('networks').selectAll().where('slug', '=', slug).executeTakeFirst();
  return r && { id: r.id, slug: r.slug, name: r.name, timeZone: r.time_zone, settings: withDefaults(fromJson(r.settings)) };
}

/** Find a network by id. */
export async function findNetworkById(db: Db, id: string): Promise<NetworkRow | undefined> {
  const r = await db.selectFrom('networks').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, slug: r.slug, name: r.name, timeZone: r.time_zone, settings: withDefaults(fromJson(r.settings)) };
}

/** Networks by id (one query per 500 ids), for jobs that span networks. */
export async function findNetworksByIds(db: Db, ids: readonly string[]): Promise<Map<string, NetworkRow>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, NetworkRow>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('networks')
      .selectAll()
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.id, {
        id: r.id,
        slug: r.slug,
        name: r.name,
        timeZone: r.time_zone,
        settings: withDefaults(fromJson(r.settings)),
      });
  }
  return out;
}

/** Insert a network. */
export async function insertNetwork(db: Db, n: NetworkRow & { now: Date }): Promise<void> {
  await db
    .insertInto('networks')
    .values({
      id: n.id,
      slug: n.slug,
      name: n.name,
      time_zone: n.timeZone,
      settings: JSON.stringify(n.settings),
      created_at: n.now.toISOString(),
    })
    .execute();
}

/** Replace a network's settings. */
export async function updateNetworkSettings(db: Db, id: string, settings: Settings): Promise<void> {
  await db
    .updateTable('networks')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', id)
    .execute();
}

/** Make an account a network admin (idempotent); true when it was not one before. */
export async function addNetworkAdmin(db: Db, networkId: string, accountId: string, now: Date): Promise<boolean> {
  const exists = await db
    .selectFrom('network_admins')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (exists) return false;
  await db
    .insertInto('network_admins')
    .values({ network_id: networkId, account_id: accountId, created_at: now.toISOString() })
    .execute();
  return true;
}

/** A membership row. */
export interface MembershipRow {
  id: string;
  networkId: string;
  organizationId: string;
  accountId: string;
  roles: OrgRole[];
  status: 'pending' | 'active' | 'removed';
  createdAt: string;
  activatedAt: string | null;
}

function toMembership(r: DB['memberships']): MembershipRow {
  return {
    id: r.id,
    networkId: r.network_id,
    organizationId: r.organization_id,
    accountId: r.account_id,
    roles: fromJson(r.roles),
    status: r.status as MembershipRow['status'],
    createdAt: toIso(r.created_at),
    activatedAt: toIsoOrNull(r.activated_at),
  };
}

/** One membership in a network. */
export async function findMembership(db: Db, networkId: string, id: string): Promise<MembershipRow | undefined> {
  const r = await db
    .selectFrom('memberships')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toMembership(r);
}

/** An account's membership in one organization. */
export async function findMembershipOf(db: Db, organizationId: string, accountId: string): Promise<MembershipRow | undefined> {
  const r = await db
    .selectFrom('memberships')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return r && toMembership(r);
}

/** Insert a membership. */
export async function insertMembership(
  db: Db,
  m: Omit<MembershipRow, 'createdAt' | 'activatedAt'> & { now: Date },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      id: m.id,
      network_id: m.networkId,
      organization_id: m.organizationId,
      account_id: m.accountId,
      roles: JSON.stringify(m.roles),
      status: m.status,
      created_at: m.now.toISOString(),
      activated_at: m.status === 'active' ? m.now.toISOString() : null,
    })
    .execute();
}

/** Change a membership's roles and/or status. */
export async function updateMembership(
  db: Db,
  id: string,
  patch: { roles?: OrgRole[]; status?: MembershipRow['status']; now: Date },
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({
      ...(patch.roles ? { roles: JSON.stringify(patch.roles) } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.status === 'active' ? { activated_at: patch.now.toISOString() } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Memberships of an organization (not removed) with their vouch counts; names and emails come from identity. */
export async function listMemberships(db: Db, organizationId: string) {
  const rows = await db
    .selectFrom('memberships as m')
    .select((eb) => [
      'm.id',
      'm.account_id',
      'm.roles',
      'm.status',
      'm.created_at',
      eb
        .selectFrom('vouches as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.membership_id', '=', 'm.id')
        .as('vouches'),
    ])
    .where('m.organization_id', '=', organizationId)
    .where('m.status', '!=', 'removed')
    .execute();
  return rows.map((r) => ({
    membershipId: r.id,
    accountId: r.account_id,
    roles: fromJson<OrgRole[]>(r.roles),
    status: r.status as MembershipRow['status'],
    vouches: Number(r.vouches ?? 0),
    joinedAt: toIso(r.created_at),
  }));
}

/** Pending memberships of a network with vouch counts and whether one account vouched (names come from identity). */
export async function listPendingMemberships(db: Db, networkId: string, viewerAccountId: string) {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select((eb) => [
      'm.id',
      'm.account_id',
      'm.organization_id',
      'o.name as organization_name',
      eb
        .selectFrom('vouches as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.membership_id', '=', 'm.id')
        .as('vouches'),
      eb
        .selectFrom('vouches as v2')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v2.membership_id', '=', 'm.id')
        .where('v2.voucher_account_id', '=', viewerAccountId)
        .as('mine'),
    ])
    .where('m.network_id', '=', networkId)
    .where('m.status', '=', 'pending')
    .where('o.status', '=', 'active')
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({
    membershipId: r.id,
    accountId: r.account_id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    vouches: Number(r.vouches ?? 0),
    vouchedByMe: Number(r.mine ?? 0) > 0,
  }));
}

/** Record a vouch; false when this voucher already vouched for this membership. */
export async function insertVouch(
  db: Db,
  v: { membershipId: string; voucherAccountId: string; networkId: string; now: Date },
): Promise<boolean> {
  const exists = await db
    .selectFrom('vouches')
    .select('membership_id')
    .where('membership_id', '=', v.membershipId)
    .where('voucher_account_id', '=', v.voucherAccountId)
    .executeTakeFirst();
  if (exists) return false;
  await db
    .insertInto('vouches')
    .values({
      membership_id: v.membershipId,
      voucher_account_id: v.voucherAccountId,
      network_id: v.networkId,
      created_at: v.now.toISOString(),
    })
    .execute();
  return true;
}

/** Number of vouches a membership has. */
export async function countVouches(db: Db, membershipId: string): Promise<number> {
  const r = await db
    .selectFrom('vouches')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('membership_id', '=', membershipId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether an account already has an active membership somewhere in the network. */
export async function hasActiveMembership(db: Db, networkId: string, accountId: string): Promise<boolean> {
  const r = await db
    .selectFrom('memberships')
    .select('id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Matches the settings of every network with the passkey rule on, wherever the key sits
 * in the JSON (and some with it off: a prefilter, never the answer).
 */
export const PASSKEY_RULE_PATTERN = '%"requirePasskeyForCoordinators"%true%';

/** Whether any network's settings may have the passkey rule on (never false when one has). */
export async function anyNetworkMayRequirePasskeys(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('networks')
    .select('id')
    .where('settings', 'like', PASSKEY_RULE_PATTERN)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Network-level view for the Me document: networks the account administers or belongs to. */
export async function networksOfAccount(db: Db, accountId: string) {
  const [adminOf, memberships] = await Promise.all([
    db.selectFrom('network_admins').select('network_id').where('account_id', '=', accountId).execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organization_id')
      .select(['m.id', 'm.network_id', 'm.organization_id', 'm.roles', 'm.status', 'o.name as organization_name'])
      .where('m.account_id', '=', accountId)
      .where('m.status', '!=', 'removed')
      .orderBy('o.name')
      .execute(),
  ]);
  const ids = [...new Set([...adminOf.map((a) => a.network_id), ...memberships.map((m) => m.network_id)])];
  if (ids.length === 0) return [];
  const networks = await db
    .selectFrom('networks')
    .select(['id', 'slug', 'name', 'settings'])
    .where('id', 'in', ids)
    .orderBy('name')
    .execute();
  const admins = new Set(adminOf.map((a) => a.network_id));
  return networks.map((n) => ({
    id: n.id,
    slug: n.slug,
    name: n.name,
    settings: withDefaults(fromJson<Settings>(n.settings)),
    isAdmin: admins.has(n.id),
    memberships: memberships
      .filter((m) => m.network_id === n.id)
      .map((m) => ({
        id: m.id,
        organizationId: m.organization_id,
        organizationName: m.organization_name,
        roles: fromJson<OrgRole[]>(m.roles),
        status: m.status as MembershipRow['status'],
      })),
  }));
}

/** Every network with its settings (defaults filled), by name. */
export async function listNetworks(db: Db): Promise<NetworkRow[]> {
  const rows = await db.selectFrom('networks').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    timeZone: r.time_zone,
    settings: withDefaults(fromJson(r.settings)),
  }));
}

/** Ids of the organizations in which an account is an active member. */
export async function activeOrganizationIdsOf(db: Db, networkId: string, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('organization_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.organization_id);
}

/** Accounts of an organization's active members. */
export async function activeMemberAccountIds(db: Db, networkId: string, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('account_id')
    .where('organization_id', '=', organizationId)
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.account_id);
}
