import type { PlaceSearchQuery } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { enterNetwork, networkBySlug } from '../networks/index.ts';
import type { GazetteerEntry } from './gazetteer.ts';
import { geocoderOf } from './geocoder-cache.ts';
import { placesOf } from './places-index.ts';
import { PLACES_POLICY as P } from './places.policy.ts';

/** A place as the API shows it. */
function toPlaceDto(e: GazetteerEntry) {
  return { id: e.id, kind: e.kind, name: e.name, point: { lat: e.lat, lng: e.lng }, areaName: e.areaName };
}

/** Places of the network that typed text may mean, best first (dispatchers placing a call, the map's search). */
export async function searchPlaces(ctx: RequestContext, slug: string, query: z.infer<typeof PlaceSearchQuery>) {
  const { network } = await enterNetwork(ctx, slug, P['place.search']);
  if (query.q.length < 2) return { places: [] };
  const { gazetteer } = await placesOf(ctx.deps, network.id);
  return { places: gazetteer.search(query.q, 8).map((m) => ({ ...toPlaceDto(m), score: m.score })) };
}

/** A network's named areas, by name: public, so people can subscribe to alerts by neighbourhood. */
export async function listAreas(deps: Deps, slug: string) {
  const network = await networkBySlug(deps, slug);
  if (!network) throw notFound();
  const { areas } = await placesOf(deps, network.id);
  return { areas: areas.list().map((a) => ({ id: a.id, name: a.name, point: { lat: a.lat, lng: a.lng } })) };
}

/** What typed text resolved to: the best place, if one reads alike enough. */
export interface ResolvedPlace {
  placeId: string;
  name: string;
  point: { lat: number; lng: number };
  areaName: string | null;
}

/**
 * The place typed text names, for intake (every door: the public form, SMS, a dispatcher on
 * the phone, the API): the best gazetteer match, or undefined. In memory after the first call.
 */
export async function resolvePlace(deps: Deps, networkId: string, text: string): Promise<ResolvedPlace | undefined> {
  const { gazetteer } = await placesOf(deps, networkId);
  const [best] = gazetteer.search(text, 1);
  return best && { placeId: best.id, name: best.name, point: { lat: best.lat, lng: best.lng }, areaName: best.areaName };
}

/** A place of the network by id (a dispatcher picked it), or undefined. */
export async function placeById(deps: Deps, networkId: string, placeId: string): Promise<ResolvedPlace | undefined> {
  const e = (await placesOf(deps, networkId)).byId.get(placeId);
  return e && { placeId: e.id, name: e.name, point: { lat: e.lat, lng: e.lng }, areaName: e.areaName };
}

/**
 * The alert cells that cover named areas (subscribing "Phillips West" by name), or, for each
 * id that is no area of this network, its index in `missing`.
 */
export async function cellsOfAreas(deps: Deps, networkId: string, areaIds: readonly string[], resolution: number) {
  const { areas } = await placesOf(deps, networkId);
  const cells = new Set<string>();
  const missing: number[] = [];
  areaIds.forEach((id, i) => {
    const area = areas.byId(id);
    if (!area) missing.push(i);
    else for (const c of areas.cellsOf(area, resolution)) cells.add(c);
  });
  return { cells: [...cells], missing };
}

/** The named area a point lies in (its name), or null. */
export async function areaNameAt(deps: Deps, networkId: string, point: { lat: number; lng: number }): Promise<string | null> {
  return (await placesOf(deps, networkId)).areas.areaAt(point)?.name ?? null;
}

/** Where a report is, in points and words. */
export interface Location {
  point: { lat: number; lng: number } | null;
  placeId: string | null;
  placeName: string | null;
  areaName: string | null;
}

/**
 * Where a report is, for every door: a point it brought is named by its area; otherwise the
 * typed location is read against the gazetteer, and a message with no location field (SMS,
 * a call's notes) is searched for a place inside it. When the gazetteer knows none, the
 * network's own geocoder (if configured) is asked for the typed location, and its point is
 * named by its area like a gazetteer hit. Nothing found: no point, no names.
 */
export async function locate(
  deps: Deps,
  networkId: string,
  given: { point?: { lat: number; lng: number }; locationText?: string; message?: string; language?: string },
): Promise<Location> {
  const { gazetteer, areas } = await placesOf(deps, networkId);
  if (given.point)
    return { point: given.point, placeId: null, placeName: null, areaName: areas.areaAt(given.point)?.name ?? null };
  const found =
    (given.locationText ? gazetteer.search(given.locationText, 1)[0] : undefined) ??
    (given.message ? gazetteer.findIn(given.message) : undefined);
  if (found)
    return { point: { lat: found.lat, lng: found.lng }, placeId: found.id, placeName: found.name, areaName: found.areaName };
  // Only the typed location is ever sent to the network's geocoder: never a message, never who wrote it.
  const geocoded = given.locationText?.trim()
    ? await geocoderOf(deps)?.find(networkId, given.locationText.trim(), given.language ?? 'en', areas.region())
    : undefined;
  if (geocoded)
    return {
      point: geocoded.point,
      placeId: null,
      placeName: geocoded.name,
      areaName: areas.areaAt(geocoded.point)?.name ?? null,
    };
  return { point: null, placeId: null, placeName: null, areaName: null };
}
