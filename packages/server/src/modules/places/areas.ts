import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { cellToParent, latLngToCell, polygonToCells } from 'h3-js';
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

  /** An area by id, or undefined. */
  byId(id: string): PlaceRow | undefined {
    return this.areas.find((a) => a.id === id);
  }

  /**
   * The H3 cells at `resolution` an area touches: those whose centre lies inside it, and
   * those under its edge, so a neighbourhood smaller than one cell is still covered whole.
   */
  cellsOf(area: PlaceRow, resolution: number): string[] {
    const g = area.boundary!;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const cells = new Set<string>();
    for (const polygon of polygons) {
      // Alert cells (~5 km²) are larger than many neighbourhoods: fill at a finer resolution and
      // take the parents, so a cell that covers part of the area is in even if its centre is not.
      for (const fine of polygonToCells(polygon, Math.min(15, resolution + 2), true)) cells.add(cellToParent(fine, resolution));
      for (const [lng, lat] of polygon[0]) cells.add(latLngToCell(lat, lng, resolution));
    }
    return [...cells];
  }

  /** The box around every area (the network's region), or undefined when it has none. */
  region(): { minLat: number; minLng: number; maxLat: number; maxLng: number } | undefined {
    if (this.areas.length === 0) return undefined;
    const boxes = this.areas.map((a) => a.box!);
    return {
      minLat: Math.min(...boxes.map((b) => b.minLat)),
      minLng: Math.min(...boxes.map((b) => b.minLng)),
      maxLat: Math.max(...boxes.map((b) => b.maxLat)),
      maxLng: Math.max(...boxes.map((b) => b.maxLng)),
    };
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
