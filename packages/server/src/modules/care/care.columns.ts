import type { EncryptedColumn } from '../../platform/crypto/encrypted-columns.ts';
import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/** The care module's ciphertexts: key rotation re-encrypts exactly these. */
export const CARE_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'care_requests', idColumn: 'id', column: 'contact_enc', purpose: 'contact' },
  { table: 'care_requests', idColumn: 'id', column: 'address_enc', purpose: 'address' },
  { table: 'care_requests', idColumn: 'id', column: 'point_enc', purpose: 'address' },
  // What a family asks for can say who lives there (baby supplies, a medicine): a case's words.
  { table: 'care_requests', idColumn: 'id', column: 'items_enc', purpose: 'case' },
  { table: 'care_requests', idColumn: 'id', column: 'decline_reason_enc', purpose: 'case' },
  { table: 'care_tasks', idColumn: 'id', column: 'failure_reason_enc', purpose: 'case' },
  { table: 'care_claim_requests', idColumn: 'id', column: 'reason_enc', purpose: 'case' },
];

/** The care module's columns kept in the clear, and why (its face's `plainColumns`). */
export const CARE_PLAIN_COLUMNS: PlainColumns = {
  'care_requests.id': 'id',
  'care_requests.network_id': 'id',
  'care_requests.origin': 'status',
  'care_requests.kind': 'status',
  'care_requests.area_cell': 'coarse cell',
  'care_requests.area_name': 'gazetteer',
  'care_requests.language': 'status',
  'care_requests.status': 'status',
  'care_requests.merged_into': 'id',
  'care_requests.receipt_code': 'token',
  'care_requests.dedupe_hash': 'hash',
  'care_requests.filed_by': 'id',
  'care_requests.decided_by': 'id',
  'care_requests.decided_at': 'timestamp',
  'care_requests.created_at': 'timestamp',
  'care_requests.updated_at': 'timestamp',
  'care_claim_requests.id': 'id',
  'care_claim_requests.network_id': 'id',
  'care_claim_requests.task_id': 'id',
  'care_claim_requests.organization_id': 'id',
  'care_claim_requests.requested_by': 'id',
  'care_claim_requests.status': 'status',
  'care_claim_requests.decided_by': 'id',
  'care_claim_requests.decided_at': 'timestamp',
  'care_claim_requests.created_at': 'timestamp',
  'care_tasks.id': 'id',
  'care_tasks.network_id': 'id',
  'care_tasks.request_id': 'id',
  'care_tasks.status': 'status',
  'care_tasks.version': 'count',
  'care_tasks.claimed_org_id': 'id',
  'care_tasks.claimed_by': 'id',
  'care_tasks.claimed_at': 'timestamp',
  'care_tasks.driver_account_id': 'id',
  'care_tasks.assigned_at': 'timestamp',
  'care_tasks.picked_up_at': 'timestamp',
  'care_tasks.delivered_at': 'timestamp',
  'care_tasks.failed_at': 'timestamp',
  'care_tasks.closed_at': 'timestamp',
  'care_tasks.created_at': 'timestamp',
  'care_tasks.updated_at': 'timestamp',
};
