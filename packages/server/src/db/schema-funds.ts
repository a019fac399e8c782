import type { Ts } from './schema.ts';

/** A fund with its running balance (minor units), kept in the same transaction as its entries. */
export interface FundsTable {
  id: string;
  network_id: string;
  name: string;
  kind: string;
  currency: string;
  balance: number;
  created_by: string;
  created_at: Ts;
}
/** Part of a fund earmarked for one case; `case_ref` is opaque (the cases module will own it). */
export interface FundAllocationsTable {
  id: string;
  network_id: string;
  fund_id: string;
  case_ref: string | null;
  balance: number;
  created_at: Ts;
}
/** A journal entry (append-only); `donor_ref_enc` is a Keyring ciphertext. */
export interface FundEntriesTable {
  id: string;
  network_id: string;
  kind: string;
  occurred_on: string;
  source_type: string | null;
  payee_type: string | null;
  restricted: number;
  donor_ref_enc: string | null;
  reverses_entry_id: string | null;
  created_by: string;
  created_at: Ts;
}
/** One line of an entry: its amounts sum to zero over the entry. */
export interface FundEntryLinesTable {
  id: string;
  entry_id: string;
  network_id: string;
  account: string;
  fund_id: string | null;
  allocation_id: string | null;
  amount: number;
}
/** A payment out, through requested → approved → paid; `purpose_enc` is a ciphertext. */
export interface FundDisbursementsTable {
  id: string;
  network_id: string;
  fund_id: string;
  allocation_id: string | null;
  payee_type: string;
  amount: number;
  purpose_enc: string;
  status: string;
  needs_approval: number;
  requested_by: string;
  approved_by: string | null;
  approved_at: Ts | null;
  decided_by: string | null;
  paid_by: string | null;
  paid_at: Ts | null;
  entry_id: string | null;
  created_at: Ts;
  updated_at: Ts;
}

/** The funds module's tables. */
export interface FundsTables {
  funds: FundsTable;
  fund_allocations: FundAllocationsTable;
  fund_entries: FundEntriesTable;
  fund_entry_lines: FundEntryLinesTable;
  fund_disbursements: FundDisbursementsTable;
}
