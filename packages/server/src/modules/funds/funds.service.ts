import type { CreateAllocation, CreateFund, RecordDonation, RecordTransfer } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, inTransaction } from '../networks/index.ts';
import { toAllocationDto, toEntryDto, toFundDto } from './dto.ts';
import { FUNDS_POLICY as P } from './funds.policy.ts';
import { localDay, postEntry } from './ledger.ts';
import * as repo from './ledger.repository.ts';

type Entered = Awaited<ReturnType<typeof enterNetwork>>;

/** A fund of this network, or 400 naming the field (an id from elsewhere is bad input, not a 404 of the route). */
async function fundOf(ctx: RequestContext, networkId: string, fundId: string, field: string) {
  const fund = await repo.findFund(ctx.deps.database.db, networkId, fundId);
  if (!fund) throw badRequest('validation_failed', { fields: [field] });
  return fund;
}

const entryBase = (ctx: RequestContext, { network, actor }: Entered, kind: string, date: string | undefined) => ({
  network_id: network.id,
  kind,
  occurred_on: date ?? localDay(ctx.deps.clock.now(), network.timeZone),
  source_type: null as string | null,
  payee_type: null as string | null,
  restricted: 0,
  donor_ref_enc: null as string | null,
  reverses_entry_id: null as string | null,
  created_by: actor.accountId,
  created_at: ctx.deps.clock.now().toISOString(),
});

/** The network's funds with their running balances. */
export async function listFunds(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['fund.list']);
  return { funds: (await repo.listFunds(ctx.deps.database.db, network.id)).map(toFundDto) };
}

/** Open a fund at zero. */
export async function createFund(ctx: RequestContext, slug: string, input: z.infer<typeof CreateFund>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['fund.create']);
  const row: repo.FundRow = {
    id: newId(),
    network_id: network.id,
    name: input.name,
    kind: input.kind,
    currency: input.currency ?? 'USD',
    balance: 0,
    created_by: actor.accountId,
    created_at: ctx.deps.clock.now().toISOString(),
  };
  await inTransaction(ctx, async (trx, audit) => {
    await repo.insertFund(trx, row);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'funds.fund.create',
      targetType: 'fund',
      targetId: row.id,
      detail: { kind: row.kind, currency: row.currency },
    });
  });
  return toFundDto(row);
}

/** A fund's allocations per case. */
export async function listAllocations(ctx: RequestContext, slug: string, fundId: string) {
  const { network } = await enterNetwork(ctx, slug, P['fund.list']);
  const fund = await repo.findFund(ctx.deps.database.db, network.id, fundId);
  if (!fund) throw notFound();
  return { allocations: (await repo.listAllocations(ctx.deps.database.db, network.id, fund.id)).map(toAllocationDto) };
}

/** Earmark part of a fund's unallocated money for one case: an entry moving it inside the fund. */
export async function createAllocation(
  ctx: RequestContext,
  slug: string,
  fundId: string,
  input: z.infer<typeof CreateAllocation>,
) {
  const entered = await enterNetwork(ctx, slug, P['allocation.create']);
  const { network, actor } = entered;
  const fund = await repo.findFund(ctx.deps.database.db, network.id, fundId);
  if (!fund) throw notFound();
  const now = ctx.deps.clock.now().toISOString();
  const row: repo.AllocationRow = {
    id: newId(),
    network_id: network.id,
    fund_id: fund.id,
    case_ref: input.caseRef,
    balance: 0,
    created_at: now,
  };
  await inTransaction(ctx, async (trx, audit) => {
    await repo.lockFund(trx, fund.id);
    const locked = await repo.findFund(trx, network.id, fund.id);
    if (Number(locked!.balance) - (await repo.allocatedTotal(trx, fund.id)) < input.amountMinor)
      throw conflict('insufficient_funds');
    await repo.insertAllocation(trx, row);
    const entry = await postEntry(
      trx,
      entryBase(ctx, entered, 'allocation', undefined),
      [
        { account: 'fund', fundId: fund.id, amount: -input.amountMinor },
        { account: 'fund', fundId: fund.id, allocationId: row.id, amount: input.amountMinor },
      ],
      network.settings.fundsAllowOverdraft,
    );
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'funds.allocation.create',
      targetType: 'fund',
      targetId: fund.id,
      detail: { allocationId: row.id, entryId: entry.id, amountMinor: input.amountMinor },
    });
  });
  return toAllocationDto({ ...row, balance: input.amountMinor });
}

/** Money in: a donation into a fund, balanced against the income account. */
export async function recordDonation(ctx: RequestContext, slug: string, input: z.infer<typeof RecordDonation>) {
  const entered = await enterNetwork(ctx, slug, P['donation.record']);
  const { network, actor } = entered;
  const fund = await fundOf(ctx, network.id, input.fundId, 'fundId');
  const donorRef = input.donorReference === undefined ? null : ctx.deps.keyring.encrypt('person', input.donorReference);
  const entry = await inTransaction(ctx, async (trx, audit) => {
    const e = await postEntry(
      trx,
      {
        ...entryBase(ctx, entered, 'donation', input.date),
        source_type: input.sourceType,
        restricted: input.restricted ? 1 : 0,
        donor_ref_enc: donorRef,
      },
      [
        { account: 'fund', fundId: fund.id, amount: input.amountMinor },
        { account: 'income', amount: -input.amountMinor },
      ],
      network.settings.fundsAllowOverdraft,
    );
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'funds.donation.record',
      targetType: 'fund_entry',
      targetId: e.id,
      detail: { fundId: fund.id, amountMinor: input.amountMinor, sourceType: input.sourceType },
    });
    return e;
  });
  return toEntryDto(entry, entry.lines);
}

/** Move money between two funds of one currency. */
export async function recordTransfer(ctx: RequestContext, slug: string, input: z.infer<typeof RecordTransfer>) {
  const entered = await enterNetwork(ctx, slug, P['transfer.record']);
  const { network, actor } = entered;
  const from = await fundOf(ctx, network.id, input.fromFundId, 'fromFundId');
  const to = await fundOf(ctx, network.id, input.toFundId, 'toFundId');
  if (from.id === to.id) throw badRequest('validation_failed', { fields: ['toFundId'] });
  if (from.currency !== to.currency) throw badRequest('currency_mismatch');
  const entry = await inTransaction(ctx, async (trx, audit) => {
    const e = await postEntry(
      trx,
      entryBase(ctx, entered, 'transfer', input.date),
      [
        { account: 'fund', fundId: from.id, amount: -input.amountMinor },
        { account: 'fund', fundId: to.id, amount: input.amountMinor },
      ],
      network.settings.fundsAllowOverdraft,
    );
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'funds.transfer.record',
      targetType: 'fund_entry',
      targetId: e.id,
      detail: { fromFundId: from.id, toFundId: to.id, amountMinor: input.amountMinor },
    });
    return e;
  });
  return toEntryDto(entry, entry.lines);
}

/** The journal, newest first (optionally one fund's): kinds, days, amounts; no donor, no purpose. */
export async function listEntries(ctx: RequestContext, slug: string, fundId: string | undefined) {
  const { network } = await enterNetwork(ctx, slug, P['entry.list']);
  const db = ctx.deps.database.db;
  const entries = await repo.listEntries(db, network.id, fundId);
  const lines = await repo.linesOf(
    db,
    entries.map((e) => e.id),
  );
  const byEntry = new Map<string, repo.LineRow[]>();
  for (const l of lines) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
  return { entries: entries.map((e) => toEntryDto(e, byEntry.get(e.id) ?? [])) };
}

/** A correction: the entry's lines negated, once; the original stays as it was. */
export async function reverseEntry(ctx: RequestContext, slug: string, entryId: string) {
  const entered = await enterNetwork(ctx, slug, P['entry.reverse']);
  const { network, actor } = entered;
  const db = ctx.deps.database.db;
  const original = await repo.findEntry(db, network.id, entryId);
  if (!original) throw notFound();
  if (original.kind === 'reversal' || (await repo.findReversalOf(db, original.id))) throw conflict('entry_reversed');
  const lines = await repo.linesOf(db, [original.id]);
  const entry = await inTransaction(ctx, async (trx, audit) => {
    let e: Awaited<ReturnType<typeof postEntry>>;
    try {
      e = await postEntry(
        trx,
        {
          ...entryBase(ctx, entered, 'reversal', undefined),
          source_type: original.source_type,
          payee_type: original.payee_type,
          restricted: original.restricted,
          reverses_entry_id: original.id,
        },
        lines.map((l) => ({
          account: l.account as 'fund' | 'income' | 'expense',
          fundId: l.fund_id ?? undefined,
          allocationId: l.allocation_id ?? undefined,
          amount: -Number(l.amount),
        })),
        network.settings.fundsAllowOverdraft,
      );
    } catch (err) {
      // Two reversals of one entry at once: the unique index lets one in.
      if (/unique|duplicate/i.test(String((err as Error).message))) throw conflict('entry_reversed');
      throw err;
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'funds.entry.reverse',
      targetType: 'fund_entry',
      targetId: original.id,
      detail: { reversalId: e.id, kind: original.kind },
    });
    return e;
  });
  return toEntryDto(entry, entry.lines);
}
