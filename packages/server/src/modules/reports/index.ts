/** What other modules may use from reports. */
export { submitReport, type IntakeInput, type Receipt } from './intake.service.ts';
export { findIncident, type IncidentRow } from './reports.repository.ts';
export { REPORTS_POLICY } from './reports.policy.ts';
