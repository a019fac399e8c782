import type { PolicyTable } from '../../platform/access/policy.ts';

/**
 * Who may use the gazetteer. Every vouched member may look places up (a responder checking
 * where a corner is, a dispatcher placing a call); only admins import a city's files. The
 * list of named areas is public (people subscribe to alerts by neighbourhood): no policy.
 */
export const PLACES_POLICY = {
  'place.search': { who: ['member'], scope: 'network' },
  'place.import': { who: ['network_admin'], scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the places module. */
export type PlacesAction = keyof typeof PLACES_POLICY;
