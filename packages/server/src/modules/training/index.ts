/** The training module's face: courses, sessions, attendance and the certifications that gate dispatch and shifts. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { TRAINING_PLAIN_COLUMNS } from './training.columns.ts';
import { trainingPayloadHandler } from './notices.ts';
import { queueTrainingReminders } from './reminders.ts';
import { TRAINING_POLICY } from './training.policy.ts';
import { registerTrainingRoutes } from './training.routes.ts';
import { sealPlacesBatch } from './sessions.repository.ts';

export const trainingModule: SwitchboardModule = {
  name: 'training',
  tables: ['training_courses', 'training_sessions', 'training_registrations', 'training_certifications'],
  plainColumns: TRAINING_PLAIN_COLUMNS,
  // Where a session meets (2026-12-04T0013); the import stores nobody new (members only), so nothing else.
  encryptedColumns: [{ table: 'training_sessions', idColumn: 'id', column: 'place_enc', purpose: 'address' }],
  sealPlaintext: (deps) => sealPlacesBatch(deps.database.db, deps.keyring),
  policy: TRAINING_POLICY,
  routes: registerTrainingRoutes,
  jobs: (deps) => [{ name: 'training-reminders', everyMs: 5 * 60_000, run: () => queueTrainingReminders(deps) }],
  outboxHandlers: (deps) => ({ training: trainingPayloadHandler(deps) }),
};

export { accountsCertifiedFor, certifiedQualifications, hasValidCertification } from './certification-validity.repository.ts';
export { listCourses } from './courses.repository.ts';
export { seedTrainingDemo, trainingDemoSensitive, type TrainingDemoCast } from './demo-seed.ts';
export { queueTrainingReminders } from './reminders.ts';
export { TRAINING_POLICY } from './training.policy.ts';
