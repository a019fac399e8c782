/** The care module's face: delivery requests (public and member-filed), triage, tasks, claiming and the address rule. */
import type { SwitchboardModule } from '../../platform/module.ts';
import {
  CARE_ENCRYPTED_COLUMNS,
  CARE_PLAIN_COLUMNS,
  CARE_RIDES_ENCRYPTED_COLUMNS,
  CARE_RIDES_PLAIN_COLUMNS,
} from './care.columns.ts';
import { carePayloadHandler } from './care-notices.ts';
import { CARE_POLICY, CARE_RIDES_POLICY } from './care.policy.ts';
import { registerCareRoutes } from './care.routes.ts';
import { purgeCareAddresses } from './retention.service.ts';
import { extendRideHorizon } from './ride-requests.service.ts';
import { ridePayloadHandler, sendRideReminders } from './rides-reminders.ts';
import { purgeRideAddresses } from './rides-retention.ts';
import { runClaimTimers } from './timers.service.ts';

export const careModule: SwitchboardModule = {
  name: 'care',
  tables: [
    'care_requests',
    'care_tasks',
    'care_claim_requests',
    'care_offers',
    'care_ride_requests',
    'care_rides',
    'care_ride_feeds',
    'care_hubs',
    'care_items',
    'care_hub_stock',
    'care_stock_movements',
    'care_reservations',
  ],
  encryptedColumns: [...CARE_ENCRYPTED_COLUMNS, ...CARE_RIDES_ENCRYPTED_COLUMNS],
  plainColumns: { ...CARE_PLAIN_COLUMNS, ...CARE_RIDES_PLAIN_COLUMNS },
  policy: { ...CARE_POLICY, ...CARE_RIDES_POLICY },
  routes: registerCareRoutes,
  jobs: (deps) => [
    { name: 'care-ride-reminders', everyMs: 60_000, run: () => sendRideReminders(deps) },
    { name: 'care-ride-horizon', everyMs: 60 * 60_000, run: () => extendRideHorizon(deps) },
    // Unanswered claim requests transfer, untouched claims are released (timers.service.ts).
    { name: 'care-claim-timers', everyMs: 5 * 60_000, run: () => runClaimTimers(deps) },
  ],
  outboxHandlers: (deps) => ({ care_ride: ridePayloadHandler(deps), care: carePayloadHandler() }),
  purge: async (deps) => ({ ...(await purgeCareAddresses(deps)), ...(await purgeRideAddresses(deps)) }),
};

export { CARE_POLICY, CARE_RIDES_POLICY } from './care.policy.ts';
export { extendRideHorizon } from './ride-requests.service.ts';
export { sendRideReminders } from './rides-reminders.ts';
export { purgeRideAddresses } from './rides-retention.ts';
export { careDemoSensitive, seedCareDemo, type CareDemoCast } from './demo-seed.ts';
export { purgeCareAddresses } from './retention.service.ts';
export { runClaimTimers } from './timers.service.ts';
