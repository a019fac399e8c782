/** The reports module's face: report intake, incidents, verification and retention of raw reports. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { REPORTS_PLAIN_COLUMNS } from './reports.columns.ts';
import { REPORTS_POLICY } from './reports.policy.ts';
import { reportsRoutes } from './reports.routes.ts';
import { purgeExpired } from './retention.service.ts';

export const reportsModule: SwitchboardModule = {
  name: 'reports',
  tables: ['incidents', 'reports', 'incident_events'],
  encryptedColumns: [
    { table: 'reports', idColumn: 'id', column: 'contact_enc', purpose: 'contact' },
    { table: 'reports', idColumn: 'id', column: 'photo_enc', purpose: 'evidence' },
  ],
  plainColumns: REPORTS_PLAIN_COLUMNS,
  policy: REPORTS_POLICY,
  routes: reportsRoutes,
  purge: async (deps) => ({ ...(await purgeExpired(deps)) }),
};

export { callbackCountryOf, toE164, withCheckedCallback } from './callback-number.ts';
export { toIncidentDto } from './dto.ts';
export { openIntake, submitReport, type IntakeChallenge, type IntakeDoor, type IntakeProof } from './intake-door.ts';
export type { IntakeInput, Receipt } from './intake.service.ts';
export type { IncidentStatusChange } from './reports.events.ts';
export { REPORTS_POLICY } from './reports.policy.ts';
export {
  findIncident,
  insertIncidentEvent as addTimelineEvent,
  recordMilestone,
  responseTimesOf,
  type IncidentRow,
} from './reports.repository.ts';
export { normalizeReceiptCode, receiptStatus, type ReceiptStatusName } from './receipt-status.ts';
export { purgeExpired, type PurgeResult } from './retention.service.ts';
