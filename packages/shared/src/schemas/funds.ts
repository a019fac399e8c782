/** Request and response schemas of the funds module: a double-entry ledger in integer minor units. */
import { z } from 'zod';
import { Id, Slug, Timestamp } from './common.ts';

/** Kinds of fund: general, bail and bond, restricted to one use. */
export const FUND_KINDS = ['general', 'bond', 'restricted'] as const;
/** Where a donation came from. */
export const DONATION_SOURCES = ['individual', 'organization', 'event', 'grant', 'other'] as const;
/** Who a disbursement pays. */
export const PAYEE_TYPES = ['landlord', 'utility', 'commissary', 'lawyer', 'family', 'other'] as const;
/** A disbursement's states: requested → approved → paid, or declined / cancelled. */
export const DISBURSEMENT_STATUSES = ['requested', 'approved', 'paid', 'declined', 'cancelled'] as const;
/** What made a journal entry. */
export const ENTRY_KINDS = ['donation', 'disbursement', 'transfer', 'allocation', 'reversal'] as const;

/** An amount in minor units (cents): a positive whole number, never a float. */
export const AmountMinor = z.number().int().min(1).max(1_000_000_000);
/** A calendar date, YYYY-MM-DD. */
export const LedgerDate = z.iso.date();
/** An ISO 4217 currency code. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/);

/** Params naming a fund. */
export const FundParams = z.strictObject({ slug: Slug, fundId: Id });
/** Params naming a disbursement. */
export const DisbursementParams = z.strictObject({ slug: Slug, disbursementId: Id });
/** Params naming a journal entry. */
export const EntryParams = z.strictObject({ slug: Slug, entryId: Id });

/** Create a fund. */
export const CreateFund = z.strictObject({
  /** A short label ("Rent relief"): not a person's name. */
  name: z.string().trim().min(1).max(120),
  kind: z.enum(FUND_KINDS),
  /** Defaults to USD. */
  currency: CurrencyCode.optional(),
});
/** A fund with its running balance. */
export const Fund = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(FUND_KINDS),
  currency: CurrencyCode,
  /** Running balance in minor units. */
  balanceMinor: z.number().int(),
  createdAt: Timestamp,
});
/** The network's funds. */
export const FundList = z.object({ funds: z.array(Fund) });

/** Record a donation into a fund. */
export const RecordDonation = z.strictObject({
  fundId: Id,
  amountMinor: AmountMinor,
  sourceType: z.enum(DONATION_SOURCES),
  /** The day it was received; defaults to today in the network's time zone. */
  date: LedgerDate.optional(),
  restricted: z.boolean().optional(),
  /** Who gave, as typed: encrypted, never in a list or an export. */
  donorReference: z.string().trim().min(1).max(200).optional(),
});

/** Earmark part of a fund for one family support case. */
export const CreateAllocation = z.strictObject({
  /** An opaque reference to a case (owned by the cases module, later). */
  caseRef: z.string().trim().min(1).max(64),
  amountMinor: AmountMinor,
});
/** A case's allocation within a fund. */
export const Allocation = z.object({
  id: Id,
  fundId: Id,
  caseRef: z.string(),
  balanceMinor: z.number().int(),
  createdAt: Timestamp,
});

/** Move money between two funds of one currency. */
export const RecordTransfer = z.strictObject({
  fromFundId: Id,
  toFundId: Id,
  amountMinor: AmountMinor,
  date: LedgerDate.optional(),
});

/** Ask for a payment out of a fund (or out of a case's allocation in it). */
export const RequestDisbursement = z.strictObject({
  fundId: Id,
  allocationId: Id.optional(),
  payeeType: z.enum(PAYEE_TYPES),
  amountMinor: AmountMinor,
  /** What it is for, as typed: encrypted at rest. */
  purpose: z.string().trim().min(1).max(500),
});
/** Approve, decline or cancel a requested disbursement. */
export const DecideDisbursement = z.strictObject({ decision: z.enum(['approve', 'decline', 'cancel']) });
/** Pay an approved (or small enough) disbursement. */
export const PayDisbursement = z.strictObject({ date: LedgerDate.optional() });
/** A disbursement as treasurers see it. */
export const Disbursement = z.object({
  id: Id,
  fundId: Id,
  allocationId: Id.nullable(),
  payeeType: z.enum(PAYEE_TYPES),
  amountMinor: z.number().int(),
  purpose: z.string(),
  status: z.enum(DISBURSEMENT_STATUSES),
  /** Whether it was above the network's threshold when requested. */
  needsApproval: z.boolean(),
  requestedBy: Id,
  approvedBy: Id.nullable(),
  paidBy: Id.nullable(),
  entryId: Id.nullable(),
  createdAt: Timestamp,
});
/** Disbursements, newest first. */
export const DisbursementList = z.object({ disbursements: z.array(Disbursement) });

/** One journal line: money into (+) or out of (−) a fund or an outside account. */
export const EntryLine = z.object({
  account: z.enum(['fund', 'income', 'expense']),
  fundId: Id.nullable(),
  allocationId: Id.nullable(),
  amountMinor: z.number().int(),
});
/** A journal entry: append-only, its lines sum to zero. No donor reference, no purpose. */
export const Entry = z.object({
  id: Id,
  kind: z.enum(ENTRY_KINDS),
  date: LedgerDate,
  sourceType: z.enum(DONATION_SOURCES).nullable(),
  payeeType: z.enum(PAYEE_TYPES).nullable(),
  restricted: z.boolean(),
  reversesEntryId: Id.nullable(),
  lines: z.array(EntryLine),
  createdAt: Timestamp,
});
/** Entries, newest first. */
export const EntryList = z.object({ entries: z.array(Entry) });

/** A month's movements of one fund, in minor units. */
export const FundMonth = z.object({
  fundId: Id,
  /** YYYY-MM in the network's time zone. */
  month: z.string(),
  donationsMinor: z.number().int(),
  disbursementsMinor: z.number().int(),
  transfersInMinor: z.number().int(),
  transfersOutMinor: z.number().int(),
  /** Net effect of reversals (sign as booked). */
  reversalsMinor: z.number().int(),
});
/** The monthly summary. */
export const FundsSummary = z.object({ timeZone: z.string(), months: z.array(FundMonth) });
