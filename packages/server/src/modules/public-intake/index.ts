/** What other modules may use from public intake. */
export { publicIntakeRoutes } from './public-intake.routes.ts';
export { PUBLIC_INTAKE_POLICY } from './public-intake.policy.ts';
