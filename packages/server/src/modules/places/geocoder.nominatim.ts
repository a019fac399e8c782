import { z } from 'zod';
import { coordinate, type GeocoderAdapter } from './geocoder.ts';

// One hit of Nominatim's /search with format=jsonv2 (https://nominatim.org/release-docs/latest/api/Output/):
// lat and lon are strings; `name` is the object's own name, display_name the whole address.
const NominatimHit = z.object({
  lat: z.union([z.string(), z.number()]),
  lon: z.union([z.string(), z.number()]),
  name: z.string().nullish(),
  display_name: z.string().nullish(),
});
const NominatimResults = z.array(z.unknown());

/**
 * Nominatim's search API: /search?q=…&format=jsonv2&limit=1, kept to the network's region
 * with viewbox=<lng>,<lat>,<lng>,<lat>&bounded=1, names in the reporter's language.
 */
export function nominatimGeocoder(options: { baseUrl: string; userAgent: string }): GeocoderAdapter {
  return {
    async search({ text, language, region, signal }) {
      const params = new URLSearchParams({ q: text, format: 'jsonv2', limit: '1', 'accept-language': language });
      if (region) {
        params.set('viewbox', [region.minLng, region.maxLat, region.maxLng, region.minLat].join(','));
        params.set('bounded', '1');
      }
      const res = await fetch(`${options.baseUrl}/search?${params}`, {
        headers: { 'user-agent': options.userAgent, accept: 'application/json' },
        signal,
      });
      if (!res.ok) throw new Error(`nominatim: HTTP ${res.status}`);
      const results = NominatimResults.parse(await res.json());
      if (results.length === 0) return undefined;
      const hit = NominatimHit.parse(results[0]);
      const lat = coordinate(hit.lat, 90);
      const lng = coordinate(hit.lon, 180);
      if (lat === undefined || lng === undefined) throw new Error('nominatim: hit without a valid point');
      const name = hit.name?.trim() || hit.display_name?.split(',')[0]?.trim() || text;
      return { point: { lat, lng }, name };
    },
  };
}
