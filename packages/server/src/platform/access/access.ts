import type { OrgRole, Role } from '@switchboard/shared';
import type { Kysely } from 'kysely';
import { fromJson } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

/** One membership as access checks see it. */
export interface MembershipAccess {
  id: string;
  organizationId: string;
  roles: OrgRole[];
  status: 'pending' | 'active' | 'removed';
}

/** What one account may do in one network: loaded once per request, before any read. */
export interface NetworkAccess {
  networkId: string;
  accountId: string;
  isNetworkAdmin: boolean;
  memberships: MembershipAccess[];
}

/** Load an account's standing in a network (admin flag and memberships in active organizations). */
export async function loadNetworkAccess(db: Kysely<DB>, accountId: string, networkId: string): Promise<NetworkAccess> {
  const [admin, memberships] = await Promise.all([
    db
      .selectFrom('network_admins')
      .select('account_id')
      .where('network_id', '=', networkId)
      .where('account_id', '=', accountId)
      .executeTakeFirst(),
    db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organization_id')
      .select(['m.id', 'm.organization_id', 'm.roles', 'm.status', 'o.status as org_status'])
      .where('m.network_id', '=', networkId)
      .where('m.account_id', '=', accountId)
      .execute(),
  ]);
  return {
    networkId,
    accountId,
    isNetworkAdmin: admin !== undefined,
    memberships: memberships.map((m) => ({
      id: m.id,
      organizationId: m.organization_id,
      // A membership in an organization not (yet) admitted grants no roles.
      roles: m.org_status === 'active' ? fromJson<OrgRole[]>(m.roles) : [],
      status: m.status as MembershipAccess['status'],
    })),
  };
}

/** Active (vouched) memberships only: pending members see nothing sensitive. */
export function activeMemberships(access: NetworkAccess): MembershipAccess[] {
  return access.memberships.filter((m) => m.status === 'active');
}

/** Whether the account is a vouched member of the network (or its admin). */
export function isActiveMember(access: NetworkAccess): boolean {
  return access.isNetworkAdmin || activeMemberships(access).length > 0;
}

/** Roles the account holds actively, in one organization or anywhere in the network. */
export function rolesHeld(access: NetworkAccess, organizationId?: string): Set<Role> {
  const roles = new Set<Role>();
  if (access.isNetworkAdmin) roles.add('network_admin');
  for (const m of activeMemberships(access)) {
    if (organizationId && m.organizationId !== organizationId) continue;
    for (const r of m.roles) roles.add(r);
  }
  return roles;
}
