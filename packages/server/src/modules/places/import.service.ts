import { PlaceImportRequest } from '@switchboard/shared';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { invalidateCaches } from '../../platform/events/cache-invalidation.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork } from '../networks/index.ts';
import { normalizeName } from './normalize.ts';
import { PLACES_POLICY as P } from './places.policy.ts';
import { upsertPlaces, type AreaGeometry, type PlaceWrite } from './places.repository.ts';

type Input = z.output<typeof PlaceImportRequest>;
type Position = number[];

/** The outer rings of a polygon or multipolygon. */
const outerRings = (g: AreaGeometry): Position[][] =>
  g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);

/** Whether a value is a [lng, lat] position inside the world. */
const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && Math.abs(Number(p[0])) <= 180 && Math.abs(Number(p[1])) <= 90;

/** A polygon's (or the largest part's) centre: the mean of its outer ring, which lies inside every convex part. */
function centreOf(g: AreaGeometry): { lat: number; lng: number } {
  const ring = outerRings(g).sort((a, b) => b.length - a.length)[0];
  const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  return { lat, lng };
}

function boxOf(g: AreaGeometry) {
  const all = outerRings(g).flat();
  return {
    minLat: Math.min(...all.map((p) => p[1])),
    maxLat: Math.max(...all.map((p) => p[1])),
    minLng: Math.min(...all.map((p) => p[0])),
    maxLng: Math.max(...all.map((p) => p[0])),
  };
}

/** Read a GeoJSON FeatureCollection into places; anything else is refused whole (geojson_rejected). */
function readFeatures(input: Input, networkId: string, now: string) {
  let doc: {
    type?: string;
    features?: { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> }[];
  };
  try {
    doc = JSON.parse(input.geojson);
  } catch {
    throw badRequest('geojson_rejected', { reason: 'not JSON' });
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features))
    throw badRequest('geojson_rejected', { reason: 'not a FeatureCollection' });
  const places: PlaceWrite[] = [];
  let skipped = 0;
  for (const f of doc.features) {
    const name = String(f?.properties?.[input.nameProperty] ?? '').trim();
    const g = f?.geometry;
    const normalized = normalizeName(name);
    if (!name || name.length > 200 || !normalized || !g) {
      skipped++;
      continue;
    }
    const base = { id: newId(), networkId, name, normalized, now };
    if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates)) {
      const geometry = g as AreaGeometry;
      if (!outerRings(geometry).every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition))) {
        skipped++;
        continue;
      }
      places.push({ ...base, kind: 'area', ...centreOf(geometry), boundary: geometry, box: boxOf(geometry) });
    } else if (g.type === 'Point' && isPosition(g.coordinates)) {
      const [lng, lat] = g.coordinates.map(Number);
      places.push({ ...base, kind: input.kind, lat, lng, boundary: null, box: null });
    } else skipped++;
  }
  if (places.length === 0)
    throw badRequest('geojson_rejected', { reason: `no feature with a "${input.nameProperty}" and a point or polygon` });
  return { places, skipped };
}

/**
 * Import a city's open-data file of named places (admin): neighbourhoods become areas,
 * points become places. A place of the same kind and name is updated, not doubled. All or
 * nothing, audited; every app process rebuilds the network's gazetteer at once.
 */
export async function importPlaces(ctx: RequestContext, slug: string, input: Input) {
  const { network, actor } = await enterNetwork(ctx, slug, P['place.import']);
  return writePlaces(ctx.deps, network.id, input, actor.accountId);
}

/** The same import run by the operator (the CLI, the demo seed): no session, audited as the system. */
export async function loadPlaces(deps: Deps, networkId: string, input: z.input<typeof PlaceImportRequest>) {
  return writePlaces(deps, networkId, PlaceImportRequest.parse(input), null);
}

async function writePlaces(deps: Deps, networkId: string, input: Input, actorId: string | null) {
  const { places, skipped } = readFeatures(input, networkId, deps.clock.now().toISOString());
  const areas = places.filter((p) => p.kind === 'area').length;
  const counts = { areas, places: places.length - areas, skipped };
  await deps.database.db.transaction().execute(async (trx) => {
    await upsertPlaces(trx, places);
    await appendAudit(trx, deps.database.dialect, deps.clock.now(), {
      networkId,
      actorId,
      action: 'places.import',
      targetType: 'network',
      targetId: networkId,
      detail: counts,
    });
  });
  await invalidateCaches(deps, { scope: 'places', networkId });
  return counts;
}
