import type { Role } from '@switchboard/shared';
import { forbidden } from '../errors.ts';
import { isActiveMember, rolesHeld, type NetworkAccess } from './access.ts';

/**
 * Who may take an action: roles, or 'member' (any vouched member of the network),
 * or 'signed_in' (anyone with a session, even pending or from elsewhere).
 */
export type Who = Role | 'member' | 'signed_in';

/** One row of a module's permission table. */
export interface PolicyRule {
  /** Any of these grants the action. */
  who: readonly Who[];
  /** 'organization': the role must be held in the target organization; 'network': anywhere in the network. */
  scope: 'network' | 'organization';
  /**
   * The sharing column. 'visible': the action reaches work items owned by one organization
   * and shared per sharing.ts, and only those the caller can see (own organization, shared
   * with the network, or with its organization by name; a network admin sees all). An item
   * it cannot see answers 404, as if it did not exist, and lists leave it out; 'organization'
   * scope then names the item's owner. Absent: the action does not reach shared items.
   */
  sharing?: 'visible';
}

/** A module's permission table: action → rule (role × action × sharing). Generated authorization tests read these. */
export type PolicyTable<A extends string = string> = Readonly<Record<A, PolicyRule>>;

/** Pure decision: may this access take the action on this organization? */
export function isAllowed(access: NetworkAccess, rule: PolicyRule, organizationId?: string): boolean {
  if (rule.who.includes('signed_in')) return true;
  if (rule.who.includes('member') && isActiveMember(access)) return true;
  // network_admin is a network-wide role: it counts in every organization of the network.
  const held = rolesHeld(access, rule.scope === 'organization' ? organizationId : undefined);
  if (access.isNetworkAdmin) held.add('network_admin');
  return rule.who.some((w) => held.has(w as Role));
}

/** Throw 403 unless allowed. */
export function authorize(access: NetworkAccess, rule: PolicyRule, organizationId?: string): void {
  if (!isAllowed(access, rule, organizationId)) throw forbidden();
}
