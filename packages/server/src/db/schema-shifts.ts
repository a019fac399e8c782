import type { Generated } from 'kysely';
import type { Ts } from './schema.ts';

/** A watch site: a public place (school, mosque, courthouse…) owned by one organization. */
export interface SitesTable {
  id: string;
  network_id: string;
  organization_id: string;
  name: string;
  kind: string;
  /** Plaintext left from before 2026-12-04T0013 (or written while sealed) until sealPlaintext clears it. */
  address: string | null;
  lat: number | null;
  lng: number | null;
  address_enc: string | null;
  /** JSON [lat, lng], encrypted. */
  point_enc: string | null;
  cell: string;
  sharing: string;
  notes_enc: string | null;
  languages: string;
  created_at: Ts;
  updated_at: Ts;
}
/** A shift, one-off (rrule null) or recurring, with local wall-clock times in the network's zone. */
export interface ShiftSeriesTable {
  id: string;
  network_id: string;
  site_id: string;
  title: string;
  start_date: string;
  start_time: string;
  end_time: string;
  rrule: string | null;
  exceptions: string;
  cancel_cutoff_hours: number;
  no_show_grace_minutes: number;
  reminder_minutes: string;
  materialized_until: Ts;
  created_by: string;
  created_at: Ts;
  /** Local date: no occurrence on or after it (an edit continued the series in a new one). */
  ends_before: string | null;
  /** The series an edit continued. */
  continues_series_id: string | null;
}
/** One group of people a shift needs, with the certification (training course) it requires. */
export interface ShiftSlotsTable {
  id: string;
  series_id: string;
  network_id: string;
  position: number;
  label: string | null;
  people_needed: number;
  course_id: string | null;
}
/** One dated occurrence of a series (materialized ahead, so queries stay plain SQL). */
export interface ShiftOccurrencesTable {
  id: string;
  series_id: string;
  network_id: string;
  site_id: string;
  local_date: string;
  starts_at: Ts;
  ends_at: Ts;
  cancelled: number;
  no_show_checked: number;
  /** Changes since it was made (times, skipped, put back): the calendar feed's SEQUENCE. */
  revision: Generated<number>;
  /** When it last changed (null: as its series made it); the feed's LAST-MODIFIED. */
  updated_at: Ts | null;
}
/** A person on a slot of an occurrence: confirmed, waitlisted or cancelled, with attendance. */
export interface ShiftSignupsTable {
  id: string;
  network_id: string;
  occurrence_id: string;
  slot_id: string;
  account_id: string;
  status: string;
  assigned_by: string | null;
  certification_overridden: number;
  swap_offered: number;
  checked_in_at: Ts | null;
  checked_out_at: Ts | null;
  queued_at: Ts;
  created_at: Ts;
  updated_at: Ts;
}
/** A secret calendar feed URL (only its hash kept): a person's shifts, or a site's. */
export interface CalendarFeedsTable {
  id: string;
  network_id: string;
  account_id: string | null;
  site_id: string | null;
  token_hash: string;
  created_by: string;
  created_at: Ts;
  revoked_at: Ts | null;
}

/** Row types of the shifts module's tables (merged into DB in schema.ts). */
export interface ShiftsTables {
  sites: SitesTable;
  shift_series: ShiftSeriesTable;
  shift_slots: ShiftSlotsTable;
  shift_occurrences: ShiftOccurrencesTable;
  shift_signups: ShiftSignupsTable;
  calendar_feeds: CalendarFeedsTable;
}
