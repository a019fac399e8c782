import { latLngToCell } from 'h3-js';

/** Resolution of the coarse area alerts and subscriptions use (~5 km² hexagons). */
export const AREA_RESOLUTION = 7;

const EARTH_RADIUS_M = 6_371_000;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  // Clustering runs this over every open incident near each report of a surge: no closures here.
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/**
 * Fewer metres than one degree of latitude spans on distanceMeters' sphere (about 111,195): two
 * points further apart in latitude than radius / this are surely further apart than radius.
 */
export const METERS_PER_DEGREE_LAT = 110_000;

/** The coarse area cell of a point. */
export function areaOf(p: { lat: number; lng: number }): string {
  return latLngToCell(p.lat, p.lng, AREA_RESOLUTION);
}

/** Round a point to about 1 km (2 decimals), for coarsening old incidents. */
export function coarsen(p: { lat: number; lng: number }): { lat: number; lng: number } {
  return { lat: Math.round(p.lat * 100) / 100, lng: Math.round(p.lng * 100) / 100 };
}
