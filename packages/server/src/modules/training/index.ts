/** What other modules may use from training. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import type { PayloadHandler } from '../notify/index.ts';
import { trainingPayloadHandler } from './notices.ts';
import { queueTrainingReminders } from './reminders.ts';
import { registerTrainingRoutes } from './training.routes.ts';

export { hasValidCertification, accountsCertifiedFor, certifiedQualifications } from './certification-validity.repository.ts';
export { listCourses } from './courses.repository.ts';
export { TRAINING_POLICY } from './training.policy.ts';
export { queueTrainingReminders } from './reminders.ts';

/** HTTP routes of the training module. */
export async function trainingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await registerTrainingRoutes(app, deps);
}

/** Scheduled jobs of the training module: session and expiry reminders into the outbox. */
export function trainingJobs(deps: Deps): ScheduledJob[] {
  return [{ name: 'training-reminders', everyMs: 5 * 60_000, run: () => queueTrainingReminders(deps) }];
}

/** Outbox payload handlers of the training module, keyed by payload kind, run by main.ts. */
export function trainingOutboxHandlers(deps: Deps): Record<string, PayloadHandler> {
  return { training: trainingPayloadHandler(deps) };
}
