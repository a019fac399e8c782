import type { PlaceSearchQuery } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { enterNetwork, networkBySlug } from '../networks/index.ts';
import type { GazetteerEntry } from './gazetteer.ts';
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

/** The named area a point lies in (its name), or null. */
export async function areaNameAt(deps: Deps, networkId: string, point: { lat: number; lng: number }): Promise<string | null> {
  return (await placesOf(deps, networkId)).areas.areaAt(point)?.name ?? null;
}
