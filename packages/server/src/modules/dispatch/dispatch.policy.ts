import type { PolicyTable } from '../../platform/access/policy.ts';

/** Dispatch permissions: dispatchers send; responders answer their own; coordinators set qualifications. */
export const DISPATCH_POLICY = {
  'dispatch.create': { who: ['dispatcher'], scope: 'network' },
  'dispatch.stand_down': { who: ['dispatcher'], scope: 'network' },
  'dispatch.dashboard': { who: ['dispatcher', 'network_admin'], scope: 'network' },
  'responder.self': { who: ['responder', 'legal_observer'], scope: 'network' },
  'responder.qualifications': { who: ['network_admin', 'org_coordinator'], scope: 'organization' },
} as const satisfies PolicyTable;

/** An action of the dispatch module. */
export type DispatchAction = keyof typeof DISPATCH_POLICY;
