/** The care module's face: delivery requests (public and member-filed), triage, tasks, claiming and the address rule. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { CARE_ENCRYPTED_COLUMNS, CARE_PLAIN_COLUMNS } from './care.columns.ts';
import { CARE_POLICY } from './care.policy.ts';
import { registerCareRoutes } from './care.routes.ts';
import { purgeCareAddresses } from './retention.service.ts';
import { carePayloadHandler } from './care-notices.ts';
import { runClaimTimers } from './timers.service.ts';

export const careModule: SwitchboardModule = {
  name: 'care',
  tables: ['care_requests', 'care_tasks', 'care_claim_requests', 'care_offers'],
  encryptedColumns: CARE_ENCRYPTED_COLUMNS,
  plainColumns: CARE_PLAIN_COLUMNS,
  policy: CARE_POLICY,
  routes: registerCareRoutes,
  purge: async (deps) => ({ ...(await purgeCareAddresses(deps)) }),
  // Unanswered claim requests transfer, untouched claims are released (timers.service.ts).
  jobs: (deps) => [{ name: 'care-claim-timers', everyMs: 5 * 60_000, run: () => runClaimTimers(deps) }],
  outboxHandlers: () => ({ care: carePayloadHandler() }),
};

export { CARE_POLICY } from './care.policy.ts';
export { careDemoSensitive, seedCareDemo, type CareDemoCast } from './demo-seed.ts';
export { purgeCareAddresses } from './retention.service.ts';
export { runClaimTimers } from './timers.service.ts';
