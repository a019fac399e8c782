/** Request and response schemas of care's supply hubs: hubs, items, stock, movements, CSV and packing. */
import { z } from 'zod';
import { AreaCell, Id, Slug, Timestamp } from './common.ts';

export const HUB_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Movements a coordinator records by hand; packing, pick-up and returns come from tasks. */
export const STOCK_MOVEMENT_KINDS = [
  'received_donation',
  'packed_for_delivery',
  'picked_up',
  'returned',
  'released',
  'spoiled',
  'transfer_out',
  'transfer_in',
  'counted',
] as const;
export const CARE_RESERVATION_STATUSES = ['reserved', 'picked_up', 'returned', 'released'] as const;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** One opening window of a week: Monday 09:00–12:00, in the network's time zone. */
export const HubOpening = z
  .strictObject({ day: z.enum(HUB_DAYS), opens: Time, closes: Time })
  .refine((o) => o.opens < o.closes, { path: ['closes'], message: 'closes after it opens' });
const Count = z.number().int().min(0).max(1_000_000);
const Quantity = z.number().int().min(1).max(100_000);

/** A hub as its coordinators create or change it; the address is typed, encrypted at rest. */
export const HubInput = z.strictObject({
  organizationId: Id,
  name: z.string().trim().min(1).max(120),
  /** A neighbourhood name; without it, the gazetteer's for the typed address. */
  areaName: z.string().trim().min(1).max(120).optional(),
  address: z.string().trim().min(3).max(500),
  hours: z.array(HubOpening).max(50).default([]),
});

/** One item of a hub's stock: counts, and `low` when at or under the hub's threshold. */
export const HubStockLine = z.object({
  itemId: Id,
  name: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  lowThreshold: z.number().int().nullable(),
  low: z.boolean(),
});
/** A hub as lists show it: name, coarse area, hours and stock, never the address. */
export const Hub = z.object({
  id: Id,
  organizationId: Id,
  name: z.string(),
  area: z.object({ cell: AreaCell.nullable(), name: z.string().nullable() }),
  hours: z.array(z.object({ day: z.enum(HUB_DAYS), opens: z.string(), closes: z.string() })),
  stock: z.array(HubStockLine),
  /** Any item at or under its threshold. */
  low: z.boolean(),
  createdAt: Timestamp,
});
/** Hubs, and stock summed over them per item. */
export const HubList = z.object({
  hubs: z.array(Hub),
  totals: z.array(
    z.object({ itemId: Id, name: z.string(), unit: z.string(), onHand: z.number().int(), available: z.number().int() }),
  ),
});
export const HubAddress = z.object({ address: z.string() });
export const HubParams = z.strictObject({ slug: Slug, hubId: Id });
export const HubItemParams = z.strictObject({ slug: Slug, hubId: Id, itemId: Id });

/** An item of the network's catalogue. */
export const ItemInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  unit: z.string().trim().min(1).max(40),
  packSize: z.number().int().min(1).max(10_000).default(1),
});
export const Item = z.object({ id: Id, name: z.string(), unit: z.string(), packSize: z.number().int() });
export const ItemList = z.object({ items: z.array(Item) });

/** A movement recorded at a hub: in, spoiled, or out to another hub of the network. */
export const StockMovementInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('received_donation'), itemId: Id, quantity: Quantity }),
  z.strictObject({ kind: z.literal('spoiled'), itemId: Id, quantity: Quantity }),
  z.strictObject({ kind: z.literal('transfer'), itemId: Id, quantity: Quantity, toHubId: Id }),
]);
export const StockThresholdInput = z.strictObject({ lowThreshold: Count.nullable() });
/** One movement, with who and when. */
export const StockMovement = z.object({
  id: Id,
  itemId: Id,
  kind: z.enum(STOCK_MOVEMENT_KINDS),
  quantity: z.number().int(),
  taskId: Id.nullable(),
  peerHubId: Id.nullable(),
  actorId: Id.nullable(),
  createdAt: Timestamp,
});
export const StockMovementList = z.object({ movements: z.array(StockMovement) });

/** A stock CSV (columns item, unit, pack_size, on_hand, low_threshold): all rows or none. */
export const StockImportRequest = z.strictObject({ csv: z.string().min(1).max(2_000_000) });
export const StockImportResult = z.object({ rows: z.number().int(), hub: Hub });

/** Items packed at a hub for a delivery task. */
export const ReserveItems = z.strictObject({
  hubId: Id,
  items: z
    .array(z.strictObject({ itemId: Id, quantity: Quantity }))
    .min(1)
    .max(50),
});
export const CareReservation = z.object({
  id: Id,
  taskId: Id,
  hubId: Id,
  hubName: z.string(),
  itemId: Id,
  itemName: z.string(),
  quantity: z.number().int(),
  status: z.enum(CARE_RESERVATION_STATUSES),
  createdAt: Timestamp,
});
export const CareReservationList = z.object({ reservations: z.array(CareReservation) });
/** A failed task's items back on the hub's shelf (or, never picked up, released). */
export const ReturnReservations = z.strictObject({ taskId: Id });
