/** The networks module's face: networks, organizations, memberships, vouching and sharing. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { NETWORKS_PLAIN_COLUMNS } from './networks.columns.ts';
import { networksOf, requiresPasskey } from './account-standing.ts';
import { purgeAudit } from './audit.service.ts';
import { NETWORKS_POLICY } from './networks.policy.ts';
import { networksRoutes } from './networks.routes.ts';

export const networksModule: SwitchboardModule = {
  name: 'networks',
  tables: ['networks', 'organizations', 'network_admins', 'memberships', 'vouches', 'invitations', 'shares'],
  plainColumns: NETWORKS_PLAIN_COLUMNS,
  policy: NETWORKS_POLICY,
  routes: networksRoutes,
  // The audit log is platform's, but its retention is set per network, here.
  purge: purgeAudit,
  // Identity sits below networks and asks these of it.
  provides: { 'identity.passkeyRequired': requiresPasskey, 'identity.networksOf': networksOf },
};

export { allNetworks } from './account-standing.ts';
export { grantAdmin, type GrantedVia } from './admins.service.ts';
export { accessOf, auditRead, enterNetwork, inTransaction, networkBySlug, type InNetwork } from './network-context.ts';
export { createNetwork } from './networks.service.ts';
export { NETWORKS_POLICY } from './networks.policy.ts';
/** Unaudited: for test fixtures only. The CLI and demo seed grant admins through grantAdmin. */
export { addNetworkAdmin } from './networks.repository.ts';
/** One network by id, for code that holds an id from its own rows (a feed, a demo seed). */
export { findNetworkById } from './networks.repository.ts';
/** Networks by id in one batched read, for scheduled jobs over many networks' rows. */
export { findNetworksByIds } from './networks.repository.ts';
export {
  activeMemberAccountIds,
  activeOrganizationIdsOf,
  findNetworkBySlug,
  hasActiveMembership,
  insertMembership,
  type NetworkRow,
} from './networks.repository.ts';
export { findOrganization, findOrganizationByName, insertOrganization } from './organizations.repository.ts';
export { setSharedWith, sharedWith, sharedWithMany } from './shares.repository.ts';
/** Items of a kind shared by name with any of some organizations: what a member sees beyond their own. */
export { itemsSharedWith } from './shares.repository.ts';
export {
  activeMembershipsOf,
  activeOrganizations,
  networkAdminIds,
  organizationNames,
  type ActiveMembership,
} from './members.repository.ts';
/** Active coordinators per organization, batched across organizations (shift no-show notices). */
export { coordinatorsOfOrganizations } from './members.repository.ts';
/** Admins per network, batched across networks (scheduled jobs' fallback recipients). */
export { adminsOfNetworks } from './members.repository.ts';
