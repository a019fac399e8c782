/** The public-intake module's face: the no-JavaScript report page, the SMS hotline webhook and its blocklist. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { PUBLIC_INTAKE_PLAIN_COLUMNS } from './public-intake.columns.ts';
import { PUBLIC_INTAKE_POLICY } from './public-intake.policy.ts';
import { publicIntakeRoutes } from './public-intake.routes.ts';
import { senderBlocked } from './blocklist.service.ts';
import { heldAlertReply } from './sms.service.ts';

export const publicIntakeModule: SwitchboardModule = {
  name: 'public-intake',
  tables: ['sms_blocklist'],
  plainColumns: PUBLIC_INTAKE_PLAIN_COLUMNS,
  policy: PUBLIC_INTAKE_POLICY,
  routes: publicIntakeRoutes,
  // An SMS held while sealed is checked against the blocklist, and for an alert reply, when it
  // is filed on unseal.
  provides: { 'reports.smsSenderBlocked': senderBlocked, 'reports.smsAlertReply': heldAlertReply },
};

export { PUBLIC_INTAKE_POLICY } from './public-intake.policy.ts';
