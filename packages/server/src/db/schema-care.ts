import type { Ts } from './schema.ts';

/** A delivery request (care module); `_enc` columns are Keyring ciphertexts. */
export interface CareRequestsTable {
  id: string;
  network_id: string;
  origin: string;
  kind: string;
  items_enc: string;
  contact_enc: string | null;
  address_enc: string | null;
  point_enc: string | null;
  area_cell: string | null;
  area_name: string | null;
  language: string;
  status: string;
  decline_reason_enc: string | null;
  merged_into: string | null;
  receipt_code: string | null;
  dedupe_hash: string | null;
  filed_by: string | null;
  decided_by: string | null;
  decided_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}
/** A delivery task: who claimed it, who drives it, and when each step happened. */
export interface CareTasksTable {
  id: string;
  network_id: string;
  request_id: string;
  status: string;
  version: number;
  claimed_org_id: string | null;
  claimed_by: string | null;
  claimed_at: Ts | null;
  driver_account_id: string | null;
  assigned_at: Ts | null;
  picked_up_at: Ts | null;
  delivered_at: Ts | null;
  failed_at: Ts | null;
  failure_reason_enc: string | null;
  closed_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}
/** Another organization asking the owner of a claimed task for it, with a reason (a ciphertext). */
export interface CareClaimRequestsTable {
  id: string;
  network_id: string;
  task_id: string;
  organization_id: string;
  requested_by: string;
  reason_enc: string;
  status: string;
  decided_by: string | null;
  decided_at: Ts | null;
  created_at: Ts;
}
export interface CareTables {
  care_claim_requests: CareClaimRequestsTable;
  care_requests: CareRequestsTable;
  care_tasks: CareTasksTable;
}

/** A ride request (care rides): pickup, drop-off and contact are Keyring ciphertexts; `rrule` makes it recurring. */
export interface CareRideRequestsTable {
  id: string;
  network_id: string;
  kind: string;
  pickup_enc: string | null;
  pickup_point_enc: string | null;
  dropoff_enc: string | null;
  dropoff_point_enc: string | null;
  contact_enc: string | null;
  area_cell: string | null;
  area_name: string | null;
  language: string;
  passengers: number;
  child_seats: number;
  /** 0/1. */
  return_trip: number;
  return_time: string | null;
  /** 0/1. */
  accompanier_required: number;
  accompanier_course_id: string | null;
  start_date: string;
  start_time: string;
  end_time: string;
  rrule: string | null;
  materialized_until: string | null;
  filed_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}
/** One trip of a ride request (one per local date): who claimed it, who drives, who accompanies. */
export interface CareRidesTable {
  id: string;
  network_id: string;
  ride_request_id: string;
  local_date: string;
  window_start: Ts;
  window_end: Ts;
  status: string;
  version: number;
  claimed_org_id: string | null;
  claimed_by: string | null;
  claimed_at: Ts | null;
  driver_account_id: string | null;
  accompanier_account_id: string | null;
  assigned_at: Ts | null;
  picked_up_at: Ts | null;
  completed_at: Ts | null;
  failed_at: Ts | null;
  closed_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}
/** A driver's calendar feed of rides: only the secret token's hash is kept. */
export interface CareRideFeedsTable {
  id: string;
  network_id: string;
  account_id: string;
  token_hash: string;
  created_at: Ts;
  revoked_at: Ts | null;
}
export interface CareRideTables {
  care_ride_requests: CareRideRequestsTable;
  care_rides: CareRidesTable;
  care_ride_feeds: CareRideFeedsTable;
}
