import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { PlaceRow } from './places.repository.ts';

/** A network's areas, to name the one a point lies in. */
export class AreaMap {
  private readonly areas: PlaceRow[];

  constructor(places: readonly PlaceRow[]) {
    // Smallest first: where areas overlap (a district and its neighbourhood), the finer name wins.
    this.areas = places.filter((p) => p.kind === 'area' && p.boundary && p.box).sort((a, b) => boxArea(a) - boxArea(b));
  }

  /** The area a point lies in, or undefined. */
  areaAt(point: { lat: number; lng: number }): PlaceRow | undefined {
    for (const a of this.areas) {
      const box = a.box!;
      if (point.lat < box.minLat || point.lat > box.maxLat || point.lng < box.minLng || point.lng > box.maxLng) continue;
      if (booleanPointInPolygon([point.lng, point.lat], a.boundary!)) return a;
    }
    return undefined;
  }

  /** Every area, by name. */
  list(): PlaceRow[] {
    return [...this.areas].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function boxArea(p: PlaceRow): number {
  const b = p.box!;
  return (b.maxLat - b.minLat) * (b.maxLng - b.minLng);
}
