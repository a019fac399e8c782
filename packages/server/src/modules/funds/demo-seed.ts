import type { Deps } from '../../platform/context.ts';
import type { SensitiveSeed } from '../../platform/crypto/plain-columns.ts';
import { newId } from '../../platform/ids.ts';
import * as disbursementsRepo from './disbursements.repository.ts';
import * as repo from './ledger.repository.ts';

/** What the funds demo needs from the demo network. */
export interface FundsDemoCast {
  networkId: string;
  adminId: string;
  /** Account ids by demo email key (treasurer, case-worker, …). */
  accountIds: Map<string, string>;
}

/** Made-up donor and purpose: the cold-copy test looks for them on disk. */
const DONOR = 'Margarita Esquivel, Lake Street bakery';
const PURPOSE = 'November rent for the Herrera family, unit 3B';

/** The funds demo's sensitive values (the donor reference and the payment's purpose). */
export function fundsDemoSensitive(): SensitiveSeed {
  return {
    texts: [
      { kind: 'name', value: DONOR },
      { kind: 'note', value: PURPOSE },
    ],
    points: [],
  };
}

/**
 * Demo data for the funds module: a general fund, a $500.00 donation into it and a paid
 * $120.00 rent payment out of it (below the approval threshold), balance $380.00.
 */
export async function seedFundsDemo(deps: Deps, cast: FundsDemoCast): Promise<void> {
  const db = deps.database.db;
  // The donor and the purpose are only ever stored sealed: `demo seed` run without a key (the
  // CLI test does) seeds no ledger, as care's seed seeds no requests.
  if (deps.keyring.sealed) return;
  const now = deps.clock.now().toISOString();
  const day = now.slice(0, 10);
  const treasurer = cast.accountIds.get('treasurer') ?? cast.adminId;
  const caseWorker = cast.accountIds.get('case-worker') ?? cast.adminId;
  const fundId = newId();
  const donationId = newId();
  const paymentId = newId();
  await db.transaction().execute(async (trx) => {
    await repo.insertFund(trx, {
      id: fundId,
      network_id: cast.networkId,
      name: 'General mutual aid',
      kind: 'general',
      currency: 'USD',
      balance: 38_000,
      created_by: treasurer,
      created_at: now,
    });
    const entry = (id: string, kind: string, extra: Partial<repo.EntryRow>): repo.EntryRow => ({
      id,
      network_id: cast.networkId,
      kind,
      occurred_on: day,
      source_type: null,
      payee_type: null,
      restricted: 0,
      donor_ref_enc: null,
      reverses_entry_id: null,
      created_by: treasurer,
      created_at: now,
      ...extra,
    });
    const line = (entryId: string, account: string, amount: number, fund: string | null): repo.LineRow => ({
      id: newId(),
      entry_id: entryId,
      network_id: cast.networkId,
      account,
      fund_id: fund,
      allocation_id: null,
      amount,
    });
    await repo.insertEntry(
      trx,
      entry(donationId, 'donation', { source_type: 'individual', donor_ref_enc: deps.keyring.encrypt('person', DONOR) }),
      [line(donationId, 'fund', 50_000, fundId), line(donationId, 'income', -50_000, null)],
    );
    await repo.insertEntry(trx, entry(paymentId, 'disbursement', { payee_type: 'landlord' }), [
      line(paymentId, 'fund', -12_000, fundId),
      line(paymentId, 'expense', 12_000, null),
    ]);
    await disbursementsRepo.insertDisbursement(trx, {
      id: newId(),
      network_id: cast.networkId,
      fund_id: fundId,
      allocation_id: null,
      payee_type: 'landlord',
      amount: 12_000,
      purpose_enc: deps.keyring.encrypt('case', PURPOSE),
      status: 'paid',
      needs_approval: 0,
      requested_by: caseWorker,
      approved_by: null,
      approved_at: null,
      decided_by: null,
      paid_by: treasurer,
      paid_at: now,
      entry_id: paymentId,
      created_at: now,
      updated_at: now,
    });
  });
}
