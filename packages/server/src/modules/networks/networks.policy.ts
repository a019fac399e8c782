import type { PolicyTable } from '../../platform/access/policy.ts';

/**
 * Who may do what in the networks module. network_admin counts in every
 * organization of its network; 'organization' scope means the role must be held
 * in the organization named by the route. The generated authorization test reads this.
 */
export const NETWORKS_POLICY = {
  'network.read': { who: ['member'], scope: 'network' },
  'network.settings.update': { who: ['network_admin'], scope: 'network' },
  'organization.list': { who: ['member'], scope: 'network' },
  'organization.create': { who: ['network_admin'], scope: 'network' },
  'organization.request': { who: ['signed_in'], scope: 'network' },
  'organization.decide': { who: ['network_admin'], scope: 'network' },
  'member.list': { who: ['network_admin', 'org_coordinator'], scope: 'organization' },
  'invitation.manage': { who: ['network_admin', 'org_coordinator'], scope: 'organization' },
  'membership.manage': { who: ['network_admin', 'org_coordinator'], scope: 'organization' },
  'pending.list': { who: ['member'], scope: 'network' },
  'membership.vouch': { who: ['member'], scope: 'network' },
  'audit.read': { who: ['network_admin'], scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the networks module. */
export type NetworksAction = keyof typeof NETWORKS_POLICY;
