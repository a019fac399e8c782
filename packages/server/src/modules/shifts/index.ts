/** What other modules (and main.ts) may use from shifts. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import type { PayloadHandler } from '../notify/index.ts';
import { reportNoShows, sendReminders } from './shift-jobs.ts';
import { shiftPayloadHandler } from './shift-notices.ts';
import { extendHorizon } from './shifts.service.ts';
import { registerShiftsRoutes } from './shifts.routes.ts';

export { SHIFTS_POLICY } from './shifts.policy.ts';
export { sendReminders, reportNoShows } from './shift-jobs.ts';
export { extendHorizon } from './shifts.service.ts';
export { coverageRows, coverageView } from './coverage.repository.ts';

/** HTTP routes of the shifts module. */
export async function shiftsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await registerShiftsRoutes(app, deps);
}

/** Scheduled jobs of the shifts module, run by main.ts. */
export function shiftsJobs(deps: Deps): ScheduledJob[] {
  return [
    { name: 'shift-reminders', everyMs: 60_000, run: () => sendReminders(deps) },
    { name: 'shift-no-shows', everyMs: 60_000, run: () => reportNoShows(deps) },
    { name: 'shift-horizon', everyMs: 60 * 60_000, run: () => extendHorizon(deps) },
  ];
}

/** Outbox payload handlers of the shifts module, keyed by payload type, run by main.ts. */
export function shiftsOutboxHandlers(deps: Deps): Record<string, PayloadHandler> {
  return { shift: shiftPayloadHandler(deps) };
}
