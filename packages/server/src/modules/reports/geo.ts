import { latLngToCell } from 'h3-js';

/** Resolution of the coarse area alerts and subscriptions use (~5 km² hexagons). */
export const AREA_RESOLUTION = 7;

/** Great-circle distance in metres. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** The coarse area cell of a point. */
export function areaOf(p: { lat: number; lng: number }): string {
  return latLngToCell(p.lat, p.lng, AREA_RESOLUTION);
}

/** Round a point to about 1 km (2 decimals), for coarsening old incidents. */
export function coarsen(p: { lat: number; lng: number }): { lat: number; lng: number } {
  return { lat: Math.round(p.lat * 100) / 100, lng: Math.round(p.lng * 100) / 100 };
}
