import type { PolicyTable } from '../../platform/access/policy.ts';

/**
 * Rapid-response permissions. Filing a report needs no account at all (its routes carry
 * no policy); everything a dispatcher sees or changes needs the dispatcher role.
 */
export const REPORTS_POLICY = {
  'incident.list': { who: ['dispatcher'], scope: 'network' },
  'incident.read': { who: ['dispatcher'], scope: 'network' },
  'incident.update': { who: ['dispatcher'], scope: 'network' },
  'report.contact.read': { who: ['dispatcher'], scope: 'network' },
  'report.phone_intake': { who: ['dispatcher'], scope: 'network' },
  'stream.read': { who: ['dispatcher'], scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the reports module. */
export type ReportsAction = keyof typeof REPORTS_POLICY;
