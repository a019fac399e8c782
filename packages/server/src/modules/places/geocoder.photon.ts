import { z } from 'zod';
import { coordinate, type GeocoderAdapter } from './geocoder.ts';

// Photon's /api answers a GeoJSON FeatureCollection of Point features; coordinates are [lon, lat]
// and properties carry the name and address parts (https://github.com/komoot/photon).
const PhotonFeature = z.object({
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) }),
  properties: z
    .object({ name: z.string().nullish(), street: z.string().nullish(), housenumber: z.string().nullish() })
    .passthrough()
    .nullish(),
});
const PhotonCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

/**
 * Photon's search API: /api?q=…&limit=1, kept to the network's region with
 * bbox=minLon,minLat,maxLon,maxLat. No `lang`: a Photon answers only the languages it was
 * imported with, and an unknown one is refused; names come in the map's own language.
 */
export function photonGeocoder(options: { baseUrl: string; userAgent: string }): GeocoderAdapter {
  return {
    async search({ text, region, signal }) {
      const params = new URLSearchParams({ q: text, limit: '1' });
      if (region) params.set('bbox', [region.minLng, region.minLat, region.maxLng, region.maxLat].join(','));
      const res = await fetch(`${options.baseUrl}/api?${params}`, {
        headers: { 'user-agent': options.userAgent, accept: 'application/json' },
        signal,
      });
      if (!res.ok) throw new Error(`photon: HTTP ${res.status}`);
      const collection = PhotonCollection.parse(await res.json());
      if (collection.features.length === 0) return undefined;
      const feature = PhotonFeature.parse(collection.features[0]);
      const [lonValue, latValue] = feature.geometry.coordinates;
      const lat = coordinate(latValue, 90);
      const lng = coordinate(lonValue, 180);
      if (lat === undefined || lng === undefined) throw new Error('photon: feature without a valid point');
      const p = feature.properties;
      const street = p?.street ? [p.street, p.housenumber].filter(Boolean).join(' ') : undefined;
      return { point: { lat, lng }, name: p?.name?.trim() || street || text };
    },
  };
}
