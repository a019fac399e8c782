import { boundingBox, distanceMeters } from './geo.ts';
import type { IncidentRow } from './reports.repository.ts';

/** How close in space and time a report must be to join an incident. */
export interface ClusterRule {
  radiusMeters: number;
  windowMinutes: number;
}

/** The box and time bound for the candidate query. */
export function candidateBounds(point: { lat: number; lng: number }, observedAt: string, rule: ClusterRule) {
  return {
    box: boundingBox(point, rule.radiusMeters),
    since: new Date(new Date(observedAt).getTime() - rule.windowMinutes * 60_000).toISOString(),
  };
}

/** The nearest candidate within the radius, or undefined: the report then starts a new incident. */
export function pickIncident(
  point: { lat: number; lng: number },
  candidates: IncidentRow[],
  rule: ClusterRule,
): IncidentRow | undefined {
  let best: IncidentRow | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c.lat == null || c.lng == null) continue;
    const d = distanceMeters(point, { lat: c.lat, lng: c.lng });
    if (d <= rule.radiusMeters && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
