import type { Allocation, Disbursement, Entry, Fund } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import type { DisbursementRow } from './disbursements.repository.ts';
import type * as repo from './ledger.repository.ts';

const iso = (v: string | Date) => new Date(v).toISOString();

/** A fund as the API shows it. */
export const toFundDto = (r: repo.FundRow): z.infer<typeof Fund> => ({
  id: r.id,
  name: r.name,
  kind: r.kind as z.infer<typeof Fund>['kind'],
  currency: r.currency,
  balanceMinor: Number(r.balance),
  createdAt: iso(r.created_at),
});

/** An allocation as the API shows it. */
export const toAllocationDto = (r: repo.AllocationRow): z.infer<typeof Allocation> => ({
  id: r.id,
  fundId: r.fund_id,
  caseRef: r.case_ref ?? '',
  balanceMinor: Number(r.balance),
  createdAt: iso(r.created_at),
});

/** An entry with its lines: never the donor reference. */
export const toEntryDto = (r: repo.EntryRow, lines: repo.LineRow[]): z.infer<typeof Entry> => ({
  id: r.id,
  kind: r.kind as z.infer<typeof Entry>['kind'],
  date: r.occurred_on,
  sourceType: r.source_type as z.infer<typeof Entry>['sourceType'],
  payeeType: r.payee_type as z.infer<typeof Entry>['payeeType'],
  restricted: Boolean(r.restricted),
  reversesEntryId: r.reverses_entry_id,
  lines: lines.map((l) => ({
    account: l.account as 'fund' | 'income' | 'expense',
    fundId: l.fund_id,
    allocationId: l.allocation_id,
    amountMinor: Number(l.amount),
  })),
  createdAt: iso(r.created_at),
});

/** A disbursement for treasurers: the purpose decrypted (a sealed server answers 503). */
export const toDisbursementDto = (deps: Deps, r: DisbursementRow): z.infer<typeof Disbursement> => ({
  id: r.id,
  fundId: r.fund_id,
  allocationId: r.allocation_id,
  payeeType: r.payee_type as z.infer<typeof Disbursement>['payeeType'],
  amountMinor: Number(r.amount),
  purpose: deps.keyring.decrypt('case', r.purpose_enc),
  status: r.status as z.infer<typeof Disbursement>['status'],
  needsApproval: Boolean(r.needs_approval),
  requestedBy: r.requested_by,
  approvedBy: r.approved_by,
  paidBy: r.paid_by,
  entryId: r.entry_id,
  createdAt: iso(r.created_at),
});
