import type { PolicyTable } from '../../platform/access/policy.ts';

/** Who may read the demo's outbox: the network's admins (it shows subscribers' contacts). */
export const DEMO_OUTBOX_POLICY = {
  'demo_outbox.read': { who: ['network_admin'], scope: 'network' },
} as const satisfies PolicyTable;

/** An action of the demo-outbox module. */
export type DemoOutboxAction = keyof typeof DEMO_OUTBOX_POLICY;
