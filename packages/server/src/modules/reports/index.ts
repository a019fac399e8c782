/** The reports module's face: report intake, incidents, verification and retention of raw reports. */
import type { SwitchboardModule } from '../../platform/module.ts';
import type { Unsealed } from '../system/index.ts';
import { fileHeldReports } from './intake-door.ts';
import { REPORTS_PLAIN_COLUMNS } from './reports.columns.ts';
import { REPORTS_POLICY } from './reports.policy.ts';
import { reportsRoutes } from './reports.routes.ts';
import { purgeExpired } from './retention.service.ts';
import { heldCount, publishIntakeKey } from './sealed-intake.service.ts';
import { sealPlaintextBatch } from './sealed-backfill.repository.ts';

export const reportsModule: SwitchboardModule = {
  name: 'reports',
  tables: ['incidents', 'reports', 'incident_events', 'sealed_intake'],
  encryptedColumns: [
    { table: 'reports', idColumn: 'id', column: 'contact_enc', purpose: 'contact' },
    { table: 'reports', idColumn: 'id', column: 'photo_enc', purpose: 'evidence' },
    { table: 'reports', idColumn: 'id', column: 'location_text_enc', purpose: 'address' },
    { table: 'reports', idColumn: 'id', column: 'point_enc', purpose: 'address' },
    { table: 'reports', idColumn: 'id', column: 'description_enc', purpose: 'report' },
    { table: 'incidents', idColumn: 'id', column: 'location_text_enc', purpose: 'address' },
    { table: 'incidents', idColumn: 'id', column: 'point_enc', purpose: 'address' },
    { table: 'incidents', idColumn: 'id', column: 'place_name_enc', purpose: 'address' },
    { table: 'incident_events', idColumn: 'id', column: 'detail_enc', purpose: 'address' },
  ],
  plainColumns: REPORTS_PLAIN_COLUMNS,
  policy: REPORTS_POLICY,
  routes: reportsRoutes,
  // Reports' words and points, and timeline copies of places, from before they were sealed.
  sealPlaintext: (deps) => sealPlaintextBatch(deps.database.db, deps.keyring),
  purge: async (deps) => ({ ...(await purgeExpired(deps)) }),
  // Held reports left by a failed drain, or held by a sealed node while this one has the key
  // (several nodes on PostgreSQL), are filed on the next turn.
  jobs: (deps) => [
    {
      name: 'sealed-intake-drain',
      everyMs: 60_000,
      run: async () => (deps.keyring.sealed || (await heldCount(deps)) === 0 ? undefined : fileHeldReports(deps)),
    },
  ],
  eventHandlers: {
    // Unsealed (by an admin, or at start with the key): store the intake public key for the
    // next sealed start, then file what arrived while sealed (sealed-intake.service.ts).
    'system.unsealed': async (deps, _event: Unsealed) => {
      await publishIntakeKey(deps);
      await fileHeldReports(deps);
    },
  },
};

export { callbackCountryOf, toE164, withCheckedCallback } from './callback-number.ts';
export { toIncidentDto } from './dto.ts';
export {
  fileHeldReports,
  openIntake,
  submitReport,
  type IntakeChallenge,
  type IntakeDoor,
  type IntakeProof,
} from './intake-door.ts';
export type { IntakeInput, Receipt } from './intake.service.ts';
export type { IncidentStatusChange } from './reports.events.ts';
export { REPORTS_POLICY } from './reports.policy.ts';
export {
  findIncident,
  insertIncidentEvent as addTimelineEvent,
  recordMilestone,
  responseTimesOf,
} from './reports.repository.ts';
export type { IncidentRow } from './report-rows.ts';
export { normalizeReceiptCode, receiptStatus, type ReceiptStatusName } from './receipt-status.ts';
export { purgeExpired, type PurgeResult } from './retention.service.ts';
export { heldCount, publishIntakeKey, type DrainResult } from './sealed-intake.service.ts';
