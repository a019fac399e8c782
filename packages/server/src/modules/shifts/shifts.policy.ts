import type { PolicyTable } from '../../platform/access/policy.ts';

/**
 * Shifts permissions. Members browse and take shifts at sites they can see; coordinators
 * of a site's owning organization (and network admins) manage its sites, shifts and
 * people. 'organization' rules name the site's owner organization. Sites are shared work
 * items: actions marked sharing 'visible' reach only the sites (and their shifts) the
 * caller can see.
 */
export const SHIFTS_POLICY = {
  'site.list': { who: ['member'], scope: 'network', sharing: 'visible' },
  'site.manage': { who: ['network_admin', 'org_coordinator'], scope: 'organization', sharing: 'visible' },
  'shift.manage': { who: ['network_admin', 'org_coordinator'], scope: 'organization', sharing: 'visible' },
  'shift.browse': { who: ['member'], scope: 'network', sharing: 'visible' },
  'shift.self': { who: ['member'], scope: 'network' },
  'coverage.read': { who: ['network_admin', 'org_coordinator'], scope: 'network' },
  'feed.self': { who: ['member'], scope: 'network' },
  'feed.site': { who: ['network_admin', 'org_coordinator'], scope: 'organization', sharing: 'visible' },
} as const satisfies PolicyTable;

/** An action of the shifts module. */
export type ShiftsAction = keyof typeof SHIFTS_POLICY;
