import type { OrgRole, Role } from '@switchboard/shared';

/** One membership as access checks see it. */
export interface MembershipAccess {
  id: string;
  organizationId: string;
  roles: OrgRole[];
  status: 'pending' | 'active' | 'removed';
}

/** What one account may do in one network: loaded (networks module) before any read. */
export interface NetworkAccess {
  networkId: string;
  accountId: string;
  isNetworkAdmin: boolean;
  memberships: MembershipAccess[];
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
