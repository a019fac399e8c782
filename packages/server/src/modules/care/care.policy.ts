import type { PolicyTable } from '../../platform/access/policy.ts';

/** Who runs deliveries: coordinators of organizations and network admins. */
const TRIAGE = ['org_coordinator', 'network_admin'] as const;

/**
 * Care permissions. Any active member files a request on someone's behalf; coordinators and
 * admins triage; drivers and coordinators see open tasks (coarse area only). Claiming, assigning
 * and closing are a coordinator's of the claiming organization ('organization' scope: a network
 * admin is no coordinator of it). Reading an address passes this table and then the address
 * rule in the service: the assigned driver while the task is theirs, or the claiming
 * organization's coordinators; never anyone else, network admins included.
 */
export const CARE_POLICY = {
  'request.file': { who: ['member'], scope: 'network' },
  'request.list': { who: TRIAGE, scope: 'network' },
  'request.triage': { who: TRIAGE, scope: 'network' },
  'task.list': { who: ['driver', 'org_coordinator', 'network_admin'], scope: 'network' },
  'task.claim': { who: ['org_coordinator'], scope: 'organization' },
  // "Request instead of Claim": a coordinator of the asking organization; the owner's coordinators decide.
  'task.request_claim': { who: ['org_coordinator'], scope: 'organization' },
  'task.transfer': { who: ['org_coordinator'], scope: 'organization' },
  'task.assign': { who: ['org_coordinator', 'driver'], scope: 'organization' },
  'task.progress': { who: ['org_coordinator', 'driver'], scope: 'organization' },
  'task.address': { who: ['org_coordinator', 'driver'], scope: 'organization' },
  // Supply hubs (hubs.*.ts, stock.*.ts, packing.service.ts): a hub is its organization's.
  'hub.list': { who: ['driver', 'org_coordinator', 'network_admin'], scope: 'network' },
  'hub.manage': { who: ['org_coordinator'], scope: 'organization' },
  // The hub's coordinators, or the driver of a live task packed there (organization: the task's claimant).
  'hub.address': { who: ['org_coordinator', 'driver'], scope: 'organization' },
  'item.manage': { who: ['org_coordinator', 'network_admin'], scope: 'network' },
  'stock.move': { who: ['org_coordinator'], scope: 'organization' },
  'stock.read': { who: ['org_coordinator', 'network_admin'], scope: 'organization' },
  'task.pack': { who: ['org_coordinator'], scope: 'organization' },
  // Offers of items, driving time or storage: any member offers; coordinators and admins decide.
  'offer.file': { who: ['member'], scope: 'network' },
  'offer.list': { who: TRIAGE, scope: 'network' },
  'offer.decide': { who: TRIAGE, scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the care module. */
export type CareAction = keyof typeof CARE_POLICY;

/**
 * Rides and accompaniment (rides.*.ts). Any member files a ride; drivers and coordinators see
 * rides (coarse area only); a coordinator of an organization claims; its coordinators assign the
 * driver and the accompanier (a driver may take the wheel themself); the driver or a coordinator
 * moves the trip on. Reading the pickup and drop-off passes this table as any member and then the
 * address rule in the service (the assigned driver or accompanier while the ride is theirs, or the
 * claiming organization's coordinators). The feed is each member's own.
 */
export const CARE_RIDES_POLICY = {
  'ride.file': { who: ['member'], scope: 'network' },
  'ride.list': { who: ['driver', 'org_coordinator', 'network_admin'], scope: 'network' },
  'ride.claim': { who: ['org_coordinator'], scope: 'organization' },
  'ride.assign': { who: ['org_coordinator', 'driver'], scope: 'organization' },
  'ride.progress': { who: ['org_coordinator', 'driver'], scope: 'organization' },
  'ride.address': { who: ['member'], scope: 'organization' },
  'ride.feed': { who: ['member'], scope: 'network' },
} as const satisfies PolicyTable;

/** An action of care rides. */
export type CareRideAction = keyof typeof CARE_RIDES_POLICY;
