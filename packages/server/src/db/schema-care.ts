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
