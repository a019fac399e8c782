import type { Config } from '../../config.ts';

/** A box of longitudes and latitudes (the network's region). */
export interface Region {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

/** What a geocoder found for typed words: a point and a short name for it. */
export interface GeocodedPlace {
  point: { lat: number; lng: number };
  name: string;
}

/** One query to a geocoder. Only the typed location text is sent, never anything about the reporter. */
export interface GeocodeQuery {
  text: string;
  language: string;
  region: Region | undefined;
  signal: AbortSignal;
}

/** A geocoder protocol's adapter: the best hit, undefined for none; throws on anything unexpected. */
export interface GeocoderAdapter {
  search(q: GeocodeQuery): Promise<GeocodedPlace | undefined>;
}

/** The geocoder settings (config.geocoder). */
export type GeocoderSettings = NonNullable<Config['geocoder']>;

/** Sent with every request: a self-hosted Nominatim's usage policy asks clients to name themselves. */
export function userAgent(publicUrl: string): string {
  return `Switchboard (community rapid response; +${publicUrl})`;
}

/** Whether a point lies in the region (a geocoder may ignore the box it was asked to keep to). */
export function inRegion(point: { lat: number; lng: number }, region: Region | undefined): boolean {
  if (!region) return true;
  return point.lat >= region.minLat && point.lat <= region.maxLat && point.lng >= region.minLng && point.lng <= region.maxLng;
}

/** Parse a coordinate a geocoder sent (Nominatim sends strings), or undefined when it is none. */
export function coordinate(value: unknown, limit: number): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}
