import type { Ts } from './schema.ts';

export interface TrainingCoursesTable {
  id: string;
  network_id: string;
  key: string;
  name: string;
  description: string;
  validity_months: number | null;
  qualification: string | null;
  issue_on: string;
  prerequisites: string;
  archived: number;
  created_at: Ts;
  updated_at: Ts;
}
export interface TrainingSessionsTable {
  id: string;
  network_id: string;
  course_id: string;
  starts_at: Ts;
  ends_at: Ts;
  /** Plaintext left from before 2026-12-04T0013 until sealPlaintext clears it. */
  place: string | null;
  place_enc: string | null;
  online_url: string | null;
  language: string;
  capacity: number;
  trainer_account_id: string;
  status: string;
  attendance_saved_at: Ts | null;
  created_by: string;
  created_at: Ts;
  updated_at: Ts;
}
export interface TrainingRegistrationsTable {
  id: string;
  network_id: string;
  session_id: string;
  account_id: string;
  status: string;
  queued_at: Ts;
  walk_in: number;
  attended: number;
  signed_off_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}
export interface TrainingCertificationsTable {
  id: string;
  network_id: string;
  account_id: string;
  course_id: string;
  source: string;
  session_id: string | null;
  issued_by: string | null;
  issued_at: Ts;
  expires_at: Ts | null;
  revoked_at: Ts | null;
  revoked_by: string | null;
  created_at: Ts;
}

/** Row types of the training module's tables (merged into DB in schema.ts). */
export interface TrainingTables {
  training_courses: TrainingCoursesTable;
  training_sessions: TrainingSessionsTable;
  training_registrations: TrainingRegistrationsTable;
  training_certifications: TrainingCertificationsTable;
}
