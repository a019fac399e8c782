import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import type { PayloadHandler } from '../notify/index.ts';

/** HTTP routes of the shifts module. */
export async function shiftsRoutes(_app: FastifyInstance, _deps: Deps): Promise<void> {}

/** Scheduled jobs of the shifts module (reminders and the like), run by main.ts. */
export function shiftsJobs(_deps: Deps): ScheduledJob[] {
  return [];
}

/** Outbox payload handlers of the shifts module, keyed by payload kind, run by main.ts. */
export function shiftsOutboxHandlers(_deps: Deps): Record<string, PayloadHandler> {
  return {};
}
