import { gridDisk } from 'h3-js';
import { areaOf, distanceMeters, METERS_PER_DEGREE_LAT } from './geo.ts';

/** How close in space and time a report must be to join an incident. */
export interface ClusterRule {
  radiusMeters: number;
  windowMinutes: number;
}

/**
 * A length no hexagon edge of the area resolution falls below, in metres (the average is about
 * 1,406 m; edges vary about twofold over the globe). A ring of k cells around a point's cell
 * covers at least k such lengths from anywhere in that cell, so k = radius / this is enough.
 */
const MIN_AREA_EDGE_METERS = 700;

/**
 * The coarse cells and time bound an incident must be in for a report to join it. Exact points
 * are sealed at rest, so the database is asked by plain coarse cell, and the exact distance
 * is taken in memory over the few candidates (pickIncident).
 */
export function candidateReach(point: { lat: number; lng: number }, observedAt: string, rule: ClusterRule) {
  const rings = Math.max(1, Math.ceil(rule.radiusMeters / MIN_AREA_EDGE_METERS));
  return {
    cells: gridDisk(areaOf(point), rings),
    since: new Date(new Date(observedAt).getTime() - rule.windowMinutes * 60_000).toISOString(),
  };
}

/** The nearest candidate within the radius, or undefined: the report then starts a new incident. */
export function pickIncident<C extends { lat: number | null; lng: number | null }>(
  point: { lat: number; lng: number },
  candidates: C[],
  rule: ClusterRule,
): C | undefined {
  let best: C | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  // The candidates are every open incident of a few coarse cells: most are too far north or south to need the exact distance.
  const maxDLat = rule.radiusMeters / METERS_PER_DEGREE_LAT;
  for (const c of candidates) {
    if (c.lat == null || c.lng == null || Math.abs(c.lat - point.lat) > maxDLat) continue;
    const d = distanceMeters(point, { lat: c.lat, lng: c.lng });
    if (d <= rule.radiusMeters && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
