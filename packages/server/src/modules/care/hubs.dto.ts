import type { HUB_DAYS } from '@switchboard/shared';
import type { CareHubListRow, CareItemRow, StockLineRow } from './hubs.repository.ts';
import type { StockMovementRow } from './stock.repository.ts';

type Day = (typeof HUB_DAYS)[number];
const iso = (t: string | Date) => new Date(t).toISOString();

/** A stock line: free is on hand less what is packed; low when free is at or under the threshold. */
export function toStockLine(s: StockLineRow) {
  const available = s.on_hand - s.reserved;
  return {
    itemId: s.item_id,
    name: s.name,
    unit: s.unit,
    packSize: s.pack_size,
    onHand: s.on_hand,
    reserved: s.reserved,
    available,
    lowThreshold: s.low_threshold,
    low: s.low_threshold !== null && available <= s.low_threshold,
  };
}

/** A hub as every list shows it: name, coarse area, hours, stock; never the address. */
export function toHubDto(h: CareHubListRow, stock: StockLineRow[]) {
  const lines = stock.filter((s) => s.hub_id === h.id).map(toStockLine);
  return {
    id: h.id,
    organizationId: h.organization_id,
    name: h.name,
    area: { cell: h.area_cell, name: h.area_name },
    hours: JSON.parse(h.hours) as { day: Day; opens: string; closes: string }[],
    stock: lines,
    low: lines.some((l) => l.low),
    createdAt: iso(h.created_at),
  };
}

/** Stock summed over hubs, per item. */
export function totalsOf(stock: StockLineRow[]) {
  const byItem = new Map<string, { itemId: string; name: string; unit: string; onHand: number; available: number }>();
  for (const s of stock) {
    const t = byItem.get(s.item_id) ?? { itemId: s.item_id, name: s.name, unit: s.unit, onHand: 0, available: 0 };
    t.onHand += s.on_hand;
    t.available += s.on_hand - s.reserved;
    byItem.set(s.item_id, t);
  }
  return [...byItem.values()];
}

export const toItemDto = (i: CareItemRow) => ({ id: i.id, name: i.name, unit: i.unit, packSize: i.pack_size });

export const toMovementDto = (m: StockMovementRow) => ({
  id: m.id,
  itemId: m.item_id,
  kind: m.kind as 'received_donation',
  quantity: m.quantity,
  taskId: m.task_id,
  peerHubId: m.peer_hub_id,
  actorId: m.actor_id,
  createdAt: iso(m.created_at),
});
