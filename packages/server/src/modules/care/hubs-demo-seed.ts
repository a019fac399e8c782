import type { Deps } from '../../platform/context.ts';
import type { SensitiveSeed } from '../../platform/crypto/plain-columns.ts';
import { newId } from '../../platform/ids.ts';
import type { CareDemoCast } from './demo-seed.ts';
import * as repo from './hubs.repository.ts';
import * as stockRepo from './stock.repository.ts';

const ITEMS = [
  { key: 'rice', name: 'Rice, 10 lb bag', unit: 'bag', packSize: 1 },
  { key: 'diapers', name: 'Diapers size 3', unit: 'pack', packSize: 30 },
  { key: 'formula', name: 'Infant formula', unit: 'can', packSize: 1 },
] as const;

/** The demo's hubs: made-up addresses the cold-copy test looks for on disk. */
const HUBS = [
  {
    org: 'church',
    name: "St. Stephen's basement pantry",
    address: '2211 Clinton Avenue South, basement door',
    areaName: 'Whittier',
    hours: [
      { day: 'tue', opens: '16:00', closes: '19:00' },
      { day: 'sat', opens: '09:00', closes: '12:00' },
    ],
    stock: { rice: [12, 4], diapers: [2, 5], formula: [6, 3] },
  },
  {
    org: 'union',
    name: 'Union hall storeroom',
    address: '345 Lowry Avenue NE, loading dock',
    areaName: 'Northeast',
    hours: [{ day: 'thu', opens: '17:00', closes: '20:00' }],
    stock: { rice: [20, 5], diapers: [9, 3], formula: [0, 2] },
  },
] as const;

/** The demo hubs' addresses: what the cold-copy test searches for. */
export function hubsDemoSensitive(): SensitiveSeed {
  return { texts: HUBS.map((h) => ({ kind: 'address' as const, value: h.address })), points: [] };
}

/**
 * Two hubs with stock (the church's low on diapers, the union's out of formula), and, when a
 * task is given (the church's delivery assigned to Pa Driver), one bag of rice packed for it at
 * the church's hub, so the driver can read that hub's address too. Without a key, nothing: a hub
 * is its address, stored only sealed.
 */
export async function seedHubsDemo(deps: Deps, cast: CareDemoCast, packFor?: string): Promise<void> {
  if (deps.keyring.sealed) return;
  const db = deps.database.db;
  const now = deps.clock.now().toISOString();
  const itemIds = new Map<string, string>();
  for (const i of ITEMS) {
    const id = newId();
    itemIds.set(i.key, id);
    await repo.insertItem(db, {
      id,
      network_id: cast.networkId,
      name: i.name,
      name_key: i.name.toLowerCase(),
      unit: i.unit,
      pack_size: i.packSize,
      created_at: now,
    });
  }
  for (const h of HUBS) {
    const organizationId = cast.orgIds.get(h.org);
    if (!organizationId) continue;
    const hubId = newId();
    await repo.insertHub(db, {
      id: hubId,
      network_id: cast.networkId,
      organization_id: organizationId,
      name: h.name,
      area_name: h.areaName,
      area_cell: null,
      address_enc: deps.keyring.encrypt('address', h.address),
      hours: JSON.stringify(h.hours),
      archived_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    for (const [key, [count, threshold]] of Object.entries(h.stock)) {
      const itemId = itemIds.get(key)!;
      await stockRepo.ensureStockLine(db, cast.networkId, hubId, itemId, now);
      await stockRepo.addOnHand(db, hubId, itemId, count, now);
      await stockRepo.setThreshold(db, hubId, itemId, threshold, now);
      await stockRepo.insertMovement(db, {
        network_id: cast.networkId,
        hub_id: hubId,
        item_id: itemId,
        kind: 'received_donation',
        quantity: count,
        task_id: null,
        peer_hub_id: null,
        actor_id: null,
        created_at: now,
      });
    }
    if (packFor && h.org === 'church') {
      const itemId = itemIds.get('rice')!;
      await stockRepo.reserve(db, hubId, itemId, 1, now);
      await stockRepo.insertReservation(db, {
        id: newId(),
        network_id: cast.networkId,
        task_id: packFor,
        hub_id: hubId,
        item_id: itemId,
        quantity: 1,
        status: 'reserved',
        created_by: null,
        created_at: now,
        updated_at: now,
      });
    }
  }
}
