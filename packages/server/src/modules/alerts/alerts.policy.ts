import type { PolicyTable } from '../../platform/access/policy.ts';

/**
 * Alert permissions. Subscribing, confirming, unsubscribing and the public alert list need
 * no account (their routes carry no policy); sending an update to subscribers, and
 * seeing how many an alert reaches, are a dispatcher's.
 */
export const ALERTS_POLICY = {
  'alert.update': { who: ['dispatcher'], scope: 'network' },
  // How many subscribers an incident's alert reaches, by channel (counts, never contacts).
  'alert.reach': { who: ['dispatcher'], scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the alerts module. */
export type AlertsAction = keyof typeof ALERTS_POLICY;
