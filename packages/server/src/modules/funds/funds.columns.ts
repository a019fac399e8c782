import type { EncryptedColumn } from '../../platform/crypto/encrypted-columns.ts';
import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/** The funds module's ciphertexts: key rotation re-encrypts exactly these. */
export const FUNDS_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  // Who gave can be a person the state would like to know about.
  { table: 'fund_entries', idColumn: 'id', column: 'donor_ref_enc', purpose: 'person' },
  // What a payment is for names a family's need (rent for a unit, a detainee's commissary).
  { table: 'fund_disbursements', idColumn: 'id', column: 'purpose_enc', purpose: 'case' },
];

const AMOUNT = 'count: minor units; balances are checked and summed in SQL';

/** The funds module's columns kept in the clear, and why (its face's `plainColumns`). */
export const FUNDS_PLAIN_COLUMNS: PlainColumns = {
  'funds.id': 'id',
  'funds.network_id': 'id',
  'funds.name': 'label: a fund\'s purpose ("Rent relief"), not a person',
  'funds.kind': 'status',
  'funds.currency': 'setting',
  'funds.balance': AMOUNT,
  'funds.created_by': 'id',
  'funds.created_at': 'timestamp',
  'fund_allocations.id': 'id',
  'fund_allocations.network_id': 'id',
  'fund_allocations.fund_id': 'id',
  'fund_allocations.case_ref': 'id: an opaque reference to a case, owned by the cases module; no name',
  'fund_allocations.balance': AMOUNT,
  'fund_allocations.created_at': 'timestamp',
  'fund_entries.id': 'id',
  'fund_entries.network_id': 'id',
  'fund_entries.kind': 'status',
  'fund_entries.occurred_on': 'timestamp: a calendar day',
  'fund_entries.source_type': 'status',
  'fund_entries.payee_type': 'status',
  'fund_entries.restricted': 'flag',
  'fund_entries.reverses_entry_id': 'id',
  'fund_entries.created_by': 'id',
  'fund_entries.created_at': 'timestamp',
  'fund_entry_lines.id': 'id',
  'fund_entry_lines.entry_id': 'id',
  'fund_entry_lines.network_id': 'id',
  'fund_entry_lines.account': 'status',
  'fund_entry_lines.fund_id': 'id',
  'fund_entry_lines.allocation_id': 'id',
  'fund_entry_lines.amount': AMOUNT,
  'fund_disbursements.id': 'id',
  'fund_disbursements.network_id': 'id',
  'fund_disbursements.fund_id': 'id',
  'fund_disbursements.allocation_id': 'id',
  'fund_disbursements.payee_type': 'status',
  'fund_disbursements.amount': AMOUNT,
  'fund_disbursements.status': 'status',
  'fund_disbursements.needs_approval': 'flag',
  'fund_disbursements.requested_by': 'id',
  'fund_disbursements.approved_by': 'id',
  'fund_disbursements.approved_at': 'timestamp',
  'fund_disbursements.decided_by': 'id',
  'fund_disbursements.paid_by': 'id',
  'fund_disbursements.paid_at': 'timestamp',
  'fund_disbursements.entry_id': 'id',
  'fund_disbursements.created_at': 'timestamp',
  'fund_disbursements.updated_at': 'timestamp',
};
