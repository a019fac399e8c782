/** What other modules may use from reports. */
export { submitReport, type IntakeInput, type Receipt } from './intake.service.ts';
export {
  findIncident,
  insertIncidentEvent as addTimelineEvent,
  recordMilestone,
  type IncidentRow,
} from './reports.repository.ts';
export { toIncidentDto } from './dto.ts';
export { REPORTS_POLICY } from './reports.policy.ts';
export { purgeExpired, type PurgeResult } from './retention.service.ts';
