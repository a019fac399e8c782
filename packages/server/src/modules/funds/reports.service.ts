import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FundsSummary } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { auditRead, enterNetwork } from '../networks/index.ts';
import { FUNDS_POLICY as P } from './funds.policy.ts';
import * as repo from './ledger.repository.ts';

/** Entries read per page while streaming the export: memory stays flat however long the ledger. */
const PAGE = 500;

/** The export's columns: kinds, days and amounts. Never the donor reference, the purpose, or a case. */
export const EXPORT_COLUMNS = [
  'entry_id',
  'date',
  'kind',
  'account',
  'fund_id',
  'fund_name',
  'currency',
  'amount_minor',
  'source_type',
  'payee_type',
  'restricted',
  'reverses_entry_id',
  'created_at',
] as const;

/**
 * The treasurer's CSV of every journal line, oldest first, streamed page by page through
 * csv-stringify. Authorized and audited before the first byte.
 */
export async function exportLedger(ctx: RequestContext, slug: string): Promise<Readable> {
  const { network, actor } = await enterNetwork(ctx, slug, P['ledger.export']);
  const db = ctx.deps.database.db;
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'funds.ledger.export',
    targetType: 'network',
    targetId: network.id,
  });
  const funds = new Map((await repo.listFunds(db, network.id)).map((f) => [f.id, f]));
  async function* rows() {
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const entries = await repo.entriesPage(db, network.id, after, PAGE);
      if (entries.length === 0) return;
      const lines = await repo.linesOf(
        db,
        entries.map((e) => e.id),
      );
      const byEntry = new Map<string, repo.LineRow[]>();
      for (const l of lines) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
      for (const e of entries)
        for (const l of byEntry.get(e.id) ?? []) {
          const fund = l.fund_id ? funds.get(l.fund_id) : undefined;
          yield [
            e.id,
            e.occurred_on,
            e.kind,
            l.account,
            l.fund_id ?? '',
            fund?.name ?? '',
            fund?.currency ?? '',
            String(l.amount),
            e.source_type ?? '',
            e.payee_type ?? '',
            e.restricted ? 'yes' : 'no',
            e.reverses_entry_id ?? '',
            new Date(e.created_at).toISOString(),
          ];
        }
      const last = entries[entries.length - 1];
      after = { createdAt: new Date(last.created_at).toISOString(), id: last.id };
      if (entries.length < PAGE) return;
    }
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns: [...EXPORT_COLUMNS] }));
}

/** In, out and transfers per fund per month (the month of each entry's day in the network's time zone). */
export async function monthlySummary(ctx: RequestContext, slug: string): Promise<z.infer<typeof FundsSummary>> {
  const { network } = await enterNetwork(ctx, slug, P['ledger.summary']);
  const rows = await repo.monthlyMovements(ctx.deps.database.db, network.id);
  const months = new Map<string, z.infer<typeof FundsSummary>['months'][number]>();
  for (const r of rows) {
    const key = `${r.month} ${r.fundId}`;
    const m = months.get(key) ?? {
      fundId: r.fundId,
      month: r.month,
      donationsMinor: 0,
      disbursementsMinor: 0,
      transfersInMinor: 0,
      transfersOutMinor: 0,
      reversalsMinor: 0,
    };
    if (r.kind === 'donation') m.donationsMinor += r.inflow + r.outflow;
    else if (r.kind === 'disbursement') m.disbursementsMinor -= r.inflow + r.outflow;
    else if (r.kind === 'transfer') {
      m.transfersInMinor += r.inflow;
      m.transfersOutMinor -= r.outflow;
    } else if (r.kind === 'reversal') m.reversalsMinor += r.inflow + r.outflow;
    // Allocations move money inside one fund: they net to zero and are no movement of it.
    months.set(key, m);
  }
  return { timeZone: network.timeZone, months: [...months.values()] };
}
