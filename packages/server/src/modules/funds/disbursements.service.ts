import type { DecideDisbursement, PayDisbursement, RequestDisbursement } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { auditRead, enterNetwork, inTransaction } from '../networks/index.ts';
import * as repo from './disbursements.repository.ts';
import { toDisbursementDto } from './dto.ts';
import { FUNDS_POLICY as P } from './funds.policy.ts';
import { localDay, postEntry } from './ledger.ts';
import * as ledger from './ledger.repository.ts';

/** 403 `two_person_rule`: the same person may not hold two of request, approve, pay on one payment. */
const twoPersonRule = () => new AppError('two_person_rule', 403);

/** The network's disbursements, newest first, purposes decrypted for treasurers: a read of case words, audited. */
export async function listDisbursements(ctx: RequestContext, slug: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['disbursement.list']);
  const rows = await repo.listDisbursements(ctx.deps.database.db, network.id);
  const disbursements = rows.map((r) => toDisbursementDto(ctx.deps, r));
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'funds.disbursement.list',
    targetType: 'network',
    targetId: network.id,
    detail: { count: rows.length },
  });
  return { disbursements };
}

/** Ask for a payment. Above the network's threshold it will need a second treasurer's approval. */
export async function requestDisbursement(ctx: RequestContext, slug: string, input: z.infer<typeof RequestDisbursement>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['disbursement.request']);
  const db = ctx.deps.database.db;
  const fund = await ledger.findFund(db, network.id, input.fundId);
  if (!fund) throw badRequest('validation_failed', { fields: ['fundId'] });
  if (input.allocationId) {
    const allocation = await ledger.findAllocation(db, network.id, input.allocationId);
    if (!allocation || allocation.fund_id !== fund.id) throw badRequest('validation_failed', { fields: ['allocationId'] });
  }
  const now = ctx.deps.clock.now().toISOString();
  const row: repo.DisbursementRow = {
    id: newId(),
    network_id: network.id,
    fund_id: fund.id,
    allocation_id: input.allocationId ?? null,
    payee_type: input.payeeType,
    amount: input.amountMinor,
    purpose_enc: ctx.deps.keyring.encrypt('case', input.purpose),
    status: 'requested',
    needs_approval: input.amountMinor > network.settings.fundsApprovalThresholdMinor ? 1 : 0,
    requested_by: actor.accountId,
    approved_by: null,
    approved_at: null,
    decided_by: null,
    paid_by: null,
    paid_at: null,
    entry_id: null,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertDisbursement(trx, row);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'funds.disbursement.request',
      targetType: 'fund_disbursement',
      targetId: row.id,
      detail: {
        fundId: fund.id,
        amountMinor: input.amountMinor,
        payeeType: input.payeeType,
        needsApproval: row.needs_approval === 1,
      },
    });
  });
  return toDisbursementDto(ctx.deps, row);
}

async function enterDisbursement(
  ctx: RequestContext,
  slug: string,
  id: string,
  action: 'disbursement.decide' | 'disbursement.pay',
) {
  const entered = await enterNetwork(ctx, slug, P[action]);
  const row = await repo.findDisbursement(ctx.deps.database.db, entered.network.id, id);
  if (!row) throw notFound();
  return { ...entered, row };
}

/**
 * Approve (a second treasurer, never the requester; only what needs approval), decline or
 * cancel. Conditional on the status the caller saw: of two decisions at once, one lands.
 */
export async function decideDisbursement(
  ctx: RequestContext,
  slug: string,
  id: string,
  input: z.infer<typeof DecideDisbursement>,
) {
  const { network, actor, row } = await enterDisbursement(ctx, slug, id, 'disbursement.decide');
  const now = ctx.deps.clock.now().toISOString();
  let change: Partial<repo.DisbursementRow>;
  if (input.decision === 'approve') {
    if (row.status !== 'requested' || !row.needs_approval) throw conflict('disbursement_state');
    if (row.requested_by === actor.accountId) throw twoPersonRule();
    change = { status: 'approved', approved_by: actor.accountId, approved_at: now };
  } else {
    if (row.status !== 'requested' && row.status !== 'approved') throw conflict('disbursement_state');
    change = { status: input.decision === 'decline' ? 'declined' : 'cancelled', decided_by: actor.accountId };
  }
  await inTransaction(ctx, async (trx, audit) => {
    if (!(await repo.moveDisbursement(trx, row.id, row.status, { ...change, updated_at: now })))
      throw conflict('disbursement_state');
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: `funds.disbursement.${input.decision}`,
      targetType: 'fund_disbursement',
      targetId: row.id,
      detail: { from: row.status, to: change.status, amountMinor: Number(row.amount) },
    });
  });
  return toDisbursementDto(ctx.deps, { ...row, ...change, updated_at: now });
}

/**
 * Pay: the disbursement moves to paid and its entry (fund out, expense in) posts in one
 * transaction; a balance too small refuses both (409 `insufficient_funds`). Above the
 * threshold it must be approved, and the payer is neither the requester nor the approver.
 */
export async function payDisbursement(ctx: RequestContext, slug: string, id: string, input: z.infer<typeof PayDisbursement>) {
  const { network, actor, row } = await enterDisbursement(ctx, slug, id, 'disbursement.pay');
  const payable = row.needs_approval ? ['approved'] : ['requested', 'approved'];
  if (!payable.includes(row.status)) throw conflict('disbursement_state');
  if (row.needs_approval && (row.requested_by === actor.accountId || row.approved_by === actor.accountId)) throw twoPersonRule();
  const now = ctx.deps.clock.now().toISOString();
  const amount = Number(row.amount);
  const entryId = await inTransaction(ctx, async (trx, audit) => {
    if (
      !(await repo.moveDisbursement(trx, row.id, row.status, {
        status: 'paid',
        paid_by: actor.accountId,
        paid_at: now,
        updated_at: now,
      }))
    )
      throw conflict('disbursement_state');
    const entry = await postEntry(
      trx,
      {
        network_id: network.id,
        kind: 'disbursement',
        occurred_on: input.date ?? localDay(ctx.deps.clock.now(), network.timeZone),
        source_type: null,
        payee_type: row.payee_type,
        restricted: 0,
        donor_ref_enc: null,
        reverses_entry_id: null,
        created_by: actor.accountId,
        created_at: now,
      },
      [
        { account: 'fund', fundId: row.fund_id, allocationId: row.allocation_id ?? undefined, amount: -amount },
        { account: 'expense', amount },
      ],
      network.settings.fundsAllowOverdraft,
    );
    await repo.moveDisbursement(trx, row.id, 'paid', { entry_id: entry.id });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'funds.disbursement.pay',
      targetType: 'fund_disbursement',
      targetId: row.id,
      detail: { entryId: entry.id, fundId: row.fund_id, amountMinor: amount, approvedBy: row.approved_by },
    });
    return entry.id;
  });
  return toDisbursementDto(ctx.deps, {
    ...row,
    status: 'paid',
    paid_by: actor.accountId,
    paid_at: now,
    entry_id: entryId,
    updated_at: now,
  });
}
