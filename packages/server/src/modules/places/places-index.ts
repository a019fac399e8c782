import type { Deps } from '../../platform/context.ts';
import { onCacheInvalidation } from '../../platform/events/cache-invalidation.ts';
import { hook } from '../../platform/wiring.ts';
import { AreaMap } from './areas.ts';
import { Gazetteer, type GazetteerEntry } from './gazetteer.ts';
import { listPlaces } from './places.repository.ts';

/** A network's places in memory: the matcher, the area map, and every entry by id. */
export interface NetworkPlaces {
  gazetteer: Gazetteer;
  areas: AreaMap;
  byId: Map<string, GazetteerEntry>;
}

/**
 * Sites come from shifts, which cannot tell this module when one changes (it sits above):
 * a built gazetteer is used for at most this long. An import of places forgets it at once.
 */
const REBUILD_AFTER_MS = 60_000;

interface Slot {
  built: Promise<NetworkPlaces>;
  at: number;
}
const byBus = new WeakMap<Deps['events'], Map<string, Slot>>();

/** The network's places, built on first use and kept until they change (in any app process). */
export function placesOf(deps: Deps, networkId: string): Promise<NetworkPlaces> {
  let perNetwork = byBus.get(deps.events);
  if (!perNetwork) {
    const fresh = new Map<string, Slot>();
    perNetwork = fresh;
    byBus.set(deps.events, fresh);
    onCacheInvalidation(deps, (what) => {
      if (what.scope === 'places' || what.scope === 'network') fresh.delete(what.networkId);
      else if (what.scope === 'everything') fresh.clear();
    });
  }
  const now = Date.now();
  const slot = perNetwork.get(networkId);
  if (slot && now - slot.at < REBUILD_AFTER_MS) return slot.built;
  const built = build(deps, networkId);
  perNetwork.set(networkId, { built, at: now });
  // A failed build is not kept: the next call tries again.
  built.catch(() => perNetwork.delete(networkId));
  return built;
}

async function build(deps: Deps, networkId: string): Promise<NetworkPlaces> {
  const db = deps.database.db;
  const [places, sites] = await Promise.all([
    listPlaces(db, networkId),
    hook(deps, 'places.namedSites')(db, deps.keyring, networkId),
  ]);
  const areas = new AreaMap(places);
  const entries: GazetteerEntry[] = [
    ...places.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      lat: p.lat,
      lng: p.lng,
      areaName: p.kind === 'area' ? p.name : (areas.areaAt(p)?.name ?? null),
    })),
    ...sites.map((s) => ({ ...s, kind: 'site' as const, areaName: areas.areaAt(s)?.name ?? null })),
  ];
  return { gazetteer: new Gazetteer(entries), areas, byId: new Map(entries.map((e) => [e.id, e])) };
}
