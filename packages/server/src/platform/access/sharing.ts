import { activeMemberships, type NetworkAccess } from './access.ts';

/**
 * Sharing model for work items (reports, sites, cases…): each item is owned by one
 * organization and is either kept to its owner, shared with the whole network, or
 * shared with named organizations (listed in the `shares` table).
 */
export interface SharedItem {
  networkId: string;
  ownerOrganizationId: string;
  scope: 'owner' | 'network' | 'organizations';
  /** For scope 'organizations': who else may see it. */
  sharedWith: readonly string[];
}

/** Whether an account (through its active memberships) may see an item. */
export function canSee(access: NetworkAccess, item: SharedItem): boolean {
  if (access.networkId !== item.networkId) return false;
  const orgs = new Set(activeMemberships(access).map((m) => m.organizationId));
  if (orgs.has(item.ownerOrganizationId)) return true;
  if (item.scope === 'network') return orgs.size > 0;
  if (item.scope === 'organizations') return item.sharedWith.some((o) => orgs.has(o));
  return false;
}

/** Organizations whose items the account can see through ownership or named sharing. */
export function visibleOrganizationIds(access: NetworkAccess): string[] {
  return activeMemberships(access).map((m) => m.organizationId);
}
