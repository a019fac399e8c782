// The runtime values the web app uses from @switchboard/shared — languages,
// roles, error codes and messages — without its zod schemas. vite.config.ts
// aliases '@switchboard/shared' to this file for the browser bundle, which keeps
// zod (about a third of the bundle) off people's phones. Types still come from
// the real package (`import type` is erased before bundling). Importing a schema
// as a value in web code makes the build fail with a missing export: validate
// with a small local check instead.
import ar from '@switchboard/shared/locales/ar/errors.json';
import en from '@switchboard/shared/locales/en/errors.json';
import es from '@switchboard/shared/locales/es/errors.json';
import hmn from '@switchboard/shared/locales/hmn/errors.json';
import so from '@switchboard/shared/locales/so/errors.json';
import type { ErrorCode } from '../../../shared/src/errors.ts';
import type { Language } from '../../../shared/src/languages.ts';

export * from '../../../shared/src/errors.ts';
export * from '../../../shared/src/languages.ts';
export * from '../../../shared/src/roles.ts';

export const ERROR_MESSAGES: Record<Language, Record<ErrorCode, string>> = { en, es, so, hmn, ar };

// Rapid-response constants. Copied (not re-exported) because their module builds
// zod schemas at load time; the type checks below fail if the copies drift.
import type * as RR from '../../../shared/src/schemas/rapid-response.ts';
export const REPORT_CATEGORIES: typeof RR.REPORT_CATEGORIES = [
  'home_raid',
  'workplace_raid',
  'traffic_stop',
  'checkpoint',
  'courthouse_arrest',
  'arrest_in_progress',
  'staging',
  'other',
];
export const INCIDENT_STATUSES: typeof RR.INCIDENT_STATUSES = [
  'new',
  'verifying',
  'verified',
  'unconfirmed',
  'false_alarm',
  'resolved',
];
export const VERIFICATION_REASONS: typeof RR.VERIFICATION_REASONS = ['on_scene_confirmation', 'corroborated'];
export const DISPATCH_STATUSES: typeof RR.DISPATCH_STATUSES = [
  'notified',
  'accepted',
  'declined',
  'timed_out',
  'en_route',
  'on_scene',
  'stood_down',
];
export const QUALIFICATIONS: typeof RR.QUALIFICATIONS = ['legal_observer', 'verifier', 'rapid_responder'];
export const ALERT_CHANNELS: typeof RR.ALERT_CHANNELS = ['push', 'sms', 'email'];
