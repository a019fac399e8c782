import type { PolicyTable } from '../../platform/access/policy.ts';

/**
 * Public-intake permissions. The report page and the SMS webhook need no account (the
 * webhook is authenticated by Twilio's signature); managing the SMS blocklist is a
 * dispatcher's job.
 */
export const PUBLIC_INTAKE_POLICY = {
  'sms_blocklist.manage': { who: ['dispatcher'], scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the public-intake module. */
export type PublicIntakeAction = keyof typeof PUBLIC_INTAKE_POLICY;
