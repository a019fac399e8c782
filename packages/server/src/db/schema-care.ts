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
  /** 1: notifications to the requester say only "Update on your request ABC123". */
  discreet: number;
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
/** An offer of items, driving time or storage; what is offered and the contact are ciphertexts. */
export interface CareOffersTable {
  id: string;
  network_id: string;
  kind: string;
  organization_id: string | null;
  offered_by: string;
  details_enc: string;
  contact_enc: string;
  status: string;
  decided_by: string | null;
  decided_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}
export interface CareTables {
  care_claim_requests: CareClaimRequestsTable;
  care_requests: CareRequestsTable;
  care_tasks: CareTasksTable;
  care_offers: CareOffersTable;
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
/** A supply hub of an organization (issue 11): its address is a ciphertext, its name, area and hours are not. */
export interface CareHubsTable {
  id: string;
  network_id: string;
  organization_id: string;
  name: string;
  area_name: string | null;
  area_cell: string | null;
  address_enc: string;
  /** Opening hours as JSON: `[{ day, opens, closes }]`, in the network's time zone. */
  hours: string;
  archived_at: Ts | null;
  created_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}
/** An item a network stocks: a name, a unit and how many units make a pack. */
export interface CareItemsTable {
  id: string;
  network_id: string;
  name: string;
  /** The lower-cased name: one item per name in a network. */
  name_key: string;
  unit: string;
  pack_size: number;
  created_at: Ts;
}
/** How many of an item a hub holds, and how many of those are packed for tasks. */
export interface CareHubStockTable {
  id: string;
  network_id: string;
  hub_id: string;
  item_id: string;
  on_hand: number;
  reserved: number;
  low_threshold: number | null;
  updated_at: Ts;
}
/** One change to a hub's stock: what, how many, who and when. */
export interface CareStockMovementsTable {
  id: string;
  network_id: string;
  hub_id: string;
  item_id: string;
  kind: string;
  quantity: number;
  task_id: string | null;
  peer_hub_id: string | null;
  actor_id: string | null;
  created_at: Ts;
}
/** Items packed at a hub for a delivery task: reserved, then picked up, returned or released. */
export interface CareReservationsTable {
  id: string;
  network_id: string;
  task_id: string;
  hub_id: string;
  item_id: string;
  quantity: number;
  status: string;
  created_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}
export interface CareHubTables {
  care_hubs: CareHubsTable;
  care_items: CareItemsTable;
  care_hub_stock: CareHubStockTable;
  care_stock_movements: CareStockMovementsTable;
  care_reservations: CareReservationsTable;
}
