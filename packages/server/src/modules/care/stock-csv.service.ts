import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import { inTransaction } from '../networks/index.ts';
import { CARE_POLICY as P } from './care.policy.ts';
import { toStockLine } from './hubs.dto.ts';
import * as repo from './hubs.repository.ts';
import { enterHub, hubDto } from './hubs.service.ts';
import * as stockRepo from './stock.repository.ts';

const MAX_ROWS = 5000;
const COLUMNS = ['item', 'unit', 'pack_size', 'on_hand', 'reserved', 'available', 'low_threshold', 'low'] as const;

/** A spreadsheet runs a cell starting with = + - @ (or tab/CR) as a formula: such cells get an apostrophe. */
const safeCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

/** A hub's stock as CSV: items and counts, never the hub's address. */
export async function exportStock(ctx: RequestContext, slug: string, hubId: string): Promise<string> {
  const { network, hub } = await enterHub(ctx, slug, hubId, P['stock.read']);
  const lines = (await repo.stockOf(ctx.deps.database.db, network.id, [hub.id])).map((s) => ({ ...toStockLine(s), s }));
  return stringify([
    [...COLUMNS],
    ...lines.map((l) =>
      [l.name, l.unit, l.packSize, l.onHand, l.reserved, l.available, l.lowThreshold ?? '', l.low ? 'yes' : 'no'].map(safeCell),
    ),
  ]);
}

interface Row {
  row: number;
  name: string;
  unit: string;
  packSize: number;
  onHand: number;
  lowThreshold: number | null | undefined;
}

const WHOLE = /^\d{1,9}$/;

/**
 * A stock-take from CSV (the export's columns; item and on_hand required): every row is
 * checked first and every problem reported by row and field in the caller's language, 400
 * validation_failed with nothing written; else all rows in one transaction. An unknown item is
 * added to the network's catalogue; on hand is set to the count (a `counted` movement of the
 * difference), never below what is packed for tasks.
 */
export async function importStock(ctx: RequestContext, slug: string, hubId: string, csv: string) {
  const { network, actor, hub } = await enterHub(ctx, slug, hubId, P['stock.move']);
  const s = stringsFor('hubs', ctx.language).csv;
  const fail = (errors: { row: number; field: string; message: string }[]) => badRequest('validation_failed', { errors });
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase().replace(/\s+/g, '_')),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    });
  } catch {
    throw fail([{ row: 0, field: 'file', message: s.parse }]);
  }
  const header = records.length ? Object.keys(records[0]) : [];
  if (!header.includes('item') || !header.includes('on_hand')) throw fail([{ row: 1, field: 'header', message: s.columns }]);
  if (records.length > MAX_ROWS) throw fail([{ row: MAX_ROWS + 2, field: 'file', message: s.tooLong }]);

  const db = ctx.deps.database.db;
  const items = new Map((await repo.listItems(db, network.id)).map((i) => [i.name_key, i]));
  const current = new Map((await repo.stockOf(db, network.id, [hub.id])).map((l) => [l.item_id, l]));
  const errors: { row: number; field: string; message: string }[] = [];
  const rows: Row[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const row = i + 2; // the header is line 1
    const err = (field: string, message: string) => errors.push({ row, field, message });
    const before = errors.length;
    const name = r.item ?? '';
    const known = items.get(name.toLowerCase());
    if (!name) err('item', s.required);
    else if (name.length > 120) err('item', s.tooLongValue);
    else if (seen.has(name.toLowerCase())) err('item', s.duplicate);
    seen.add(name.toLowerCase());
    const unit = r.unit || known?.unit || 'each';
    if (unit.length > 40) err('unit', s.tooLongValue);
    const packSize = r.pack_size ? Number(r.pack_size) : (known?.pack_size ?? 1);
    if (r.pack_size && (!WHOLE.test(r.pack_size) || packSize < 1)) err('pack_size', s.packSize);
    const onHand = Number(r.on_hand);
    if (!r.on_hand) err('on_hand', s.required);
    else if (!WHOLE.test(r.on_hand)) err('on_hand', s.count);
    else if (known && onHand < (current.get(known.id)?.reserved ?? 0)) err('on_hand', s.belowReserved);
    const t = r.low_threshold;
    if (t && !WHOLE.test(t)) err('low_threshold', s.count);
    const lowThreshold = t === undefined ? undefined : t === '' ? null : Number(t);
    if (errors.length === before) rows.push({ row, name, unit, packSize, onHand, lowThreshold });
  });
  if (errors.length > 0) throw fail(errors);

  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx, async (trx, audit) => {
    for (const r of rows) {
      let item = items.get(r.name.toLowerCase());
      item ??= await repo.ensureItem(trx, {
        id: newId(),
        network_id: network.id,
        name: r.name,
        name_key: r.name.toLowerCase(),
        unit: r.unit,
        pack_size: r.packSize,
        created_at: now,
      });
      await stockRepo.ensureStockLine(trx, network.id, hub.id, item.id, now);
      const before = (await stockRepo.findStockLine(trx, hub.id, item.id))!;
      // Packed for a task since the check above: the whole file is refused, as any bad row is.
      if (!(await stockRepo.setOnHand(trx, hub.id, item.id, r.onHand, now)))
        throw fail([{ row: r.row, field: 'on_hand', message: s.belowReserved }]);
      if (r.lowThreshold !== undefined) await stockRepo.setThreshold(trx, hub.id, item.id, r.lowThreshold, now);
      const delta = r.onHand - before.on_hand;
      if (delta !== 0)
        await stockRepo.insertMovement(trx, {
          network_id: network.id,
          hub_id: hub.id,
          item_id: item.id,
          kind: 'counted',
          quantity: delta,
          task_id: null,
          peer_hub_id: null,
          actor_id: actor.accountId,
          created_at: now,
        });
    }
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'care.stock.import',
      targetType: 'care_hub',
      targetId: hub.id,
      detail: { rows: rows.length },
    });
  });
  return { rows: rows.length, hub: await hubDto(ctx, network.id, hub.id) };
}
