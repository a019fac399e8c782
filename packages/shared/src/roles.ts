/** Roles a person can hold. network_admin is held on the network; the rest on an organization membership. */
export const ROLES = [
  'network_admin',
  'org_coordinator',
  'dispatcher',
  'responder',
  'legal_observer',
  'watch_volunteer',
  'driver',
  'case_worker',
  'trainer',
  'organizer',
  'researcher',
  // Keeps the network's funds ledger: records donations, requests, approves and pays disbursements.
  'treasurer',
] as const;
/** One role. */
export type Role = (typeof ROLES)[number];
/** Roles that can be assigned on an organization membership. */
export const ORG_ROLES = ROLES.filter((r) => r !== 'network_admin') as Exclude<Role, 'network_admin'>[];
/** An organization-level role. */
export type OrgRole = Exclude<Role, 'network_admin'>;
/** Roles that may be required to sign in with a passkey. */
export const PASSKEY_ELIGIBLE_ROLES: readonly Role[] = ['network_admin', 'org_coordinator'];

/** Organization kinds: formal bodies and informal groups. */
export const ORGANIZATION_KINDS = ['formal', 'informal'] as const;
/** Organization types, shown with an icon and a word. */
export const ORGANIZATION_TYPES = [
  'union',
  'mosque',
  'church',
  'synagogue',
  'temple',
  'nonprofit',
  'legal_aid',
  'school_group',
  'block_group',
  'affinity_group',
  'other',
] as const;
/** Status of an organization inside a network. */
export const ORGANIZATION_STATUSES = ['pending', 'active', 'rejected'] as const;
/** Status of a membership: pending until vouched for. */
export const MEMBERSHIP_STATUSES = ['pending', 'active', 'removed'] as const;
/** Who a work item is shared with beyond its owner. */
export const SHARING_SCOPES = ['owner', 'network', 'organizations'] as const;
