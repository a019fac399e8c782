// The rapid-response lists without zod: the web bundle imports them through
// '@switchboard/shared/runtime' (src/runtime.ts), and the schemas build on them.

/** What a neighbour can report. */
export const REPORT_CATEGORIES = [
  'home_raid',
  'workplace_raid',
  'traffic_stop',
  'checkpoint',
  'courthouse_arrest',
  'arrest_in_progress',
  'staging',
  'other',
] as const;
/** Where a report came in. */
export const REPORT_SOURCES = ['web', 'api', 'sms', 'phone'] as const;
/** Incident states: only `verified` ever triggers an alert. */
export const INCIDENT_STATUSES = ['new', 'verifying', 'verified', 'unconfirmed', 'false_alarm', 'resolved'] as const;
/** What a reporter may learn of their report by its receipt code, and nothing more. */
export const RECEIPT_STATUSES = ['received', 'checking', 'verified', 'closed'] as const;
/** Why a dispatcher may verify an incident. */
export const VERIFICATION_REASONS = ['on_scene_confirmation', 'corroborated'] as const;
/** A dispatched responder's progress. */
export const DISPATCH_STATUSES = ['notified', 'accepted', 'declined', 'timed_out', 'en_route', 'on_scene', 'stood_down'] as const;
/** Qualifications dispatch can ask for (training will issue them). */
export const QUALIFICATIONS = ['legal_observer', 'verifier', 'rapid_responder'] as const;
/** Alert channels for anonymous subscribers. */
export const ALERT_CHANNELS = ['push', 'sms', 'email'] as const;
/** Translated updates a dispatcher can send to an alerted incident's subscribers ("all clear" comes from resolving it). */
export const ALERT_UPDATE_PRESETS = ['still_active', 'agents_left', 'observers_on_scene'] as const;
