/** The demo-outbox module's face: the page behind demo-start's in-memory mailbox and SMS sink. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { DEMO_OUTBOX_POLICY } from './demo-outbox.policy.ts';
import { demoOutboxRoutes } from './demo-outbox.routes.ts';

export const demoOutboxModule: SwitchboardModule = {
  name: 'demo-outbox',
  // Owns no table: the messages live in memory only (platform/demo-outbox.ts).
  tables: [],
  policy: DEMO_OUTBOX_POLICY,
  routes: demoOutboxRoutes,
};
