import type { OrgRole } from '@switchboard/shared';
import type { Kysely, Transaction } from 'kysely';
import { fromJson } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

// Who belongs where, for modules that act on members (training walk-ins and imports, shift
// calls for help and no-show notices). Names and contacts come from identity; these give ids.

/** One active (vouched) membership in an admitted organization. */
export interface ActiveMembership {
  accountId: string;
  organizationId: string;
  roles: OrgRole[];
}

/**
 * Active memberships in the network's admitted organizations, optionally only of some
 * accounts or of one organization (chunked under SQLite's bound-parameter limit).
 */
export async function activeMembershipsOf(
  db: Db,
  networkId: string,
  filter: { accountIds?: readonly string[]; organizationId?: string } = {},
): Promise<ActiveMembership[]> {
  const query = (ids?: readonly string[]) => {
    let q = db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organization_id')
      .select(['m.account_id', 'm.organization_id', 'm.roles'])
      .where('m.network_id', '=', networkId)
      .where('m.status', '=', 'active')
      .where('o.status', '=', 'active');
    if (filter.organizationId) q = q.where('m.organization_id', '=', filter.organizationId);
    if (ids) q = q.where('m.account_id', 'in', ids);
    return q.execute();
  };
  const rows = [];
  if (!filter.accountIds) rows.push(...(await query()));
  else for (let i = 0; i < filter.accountIds.length; i += 500) rows.push(...(await query(filter.accountIds.slice(i, i + 500))));
  return rows.map((r) => ({ accountId: r.account_id, organizationId: r.organization_id, roles: fromJson<OrgRole[]>(r.roles) }));
}

/** The network's admins (of these accounts, when given). */
export async function networkAdminIds(db: Db, networkId: string, accountIds?: readonly string[]): Promise<string[]> {
  let q = db.selectFrom('network_admins').select('account_id').where('network_id', '=', networkId);
  if (accountIds) {
    if (accountIds.length === 0) return [];
    q = q.where('account_id', 'in', accountIds);
  }
  return (await q.execute()).map((r) => r.account_id);
}

/** The network's admitted organizations, by name. */
export async function activeOrganizations(db: Db, networkId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();
}

/** Names of organizations by id (any status), for lists that show an owner. */
export async function organizationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/** Active coordinators of each of these organizations (any network), in one query per 500. */
export async function coordinatorsOfOrganizations(db: Db, organizationIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const unique = [...new Set(organizationIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('memberships')
      .select(['organization_id', 'account_id', 'roles'])
      .where('organization_id', 'in', unique.slice(i, i + 500))
      .where('status', '=', 'active')
      .execute();
    for (const r of rows)
      if (fromJson<OrgRole[]>(r.roles).includes('org_coordinator'))
        out.set(r.organization_id, [...(out.get(r.organization_id) ?? []), r.account_id]);
  }
  return out;
}

/** The admins of each of these networks, in one query per 500. */
export async function adminsOfNetworks(db: Db, networkIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const unique = [...new Set(networkIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('network_admins')
      .select(['network_id', 'account_id'])
      .where('network_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.network_id, [...(out.get(r.network_id) ?? []), r.account_id]);
  }
  return out;
}
