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
