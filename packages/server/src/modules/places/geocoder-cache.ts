import type { Deps } from '../../platform/context.ts';
import { inRegion, userAgent, type GeocodedPlace, type GeocoderAdapter, type GeocoderSettings, type Region } from './geocoder.ts';
import { nominatimGeocoder } from './geocoder.nominatim.ts';
import { photonGeocoder } from './geocoder.photon.ts';
import { normalizeName } from './normalize.ts';

/** Answers kept, least recently used dropped first: a surge repeats the same few corners. */
const CACHE_ENTRIES = 500;
/** A hit is good for an hour; a miss for ten minutes (the geocoder's data may be updated). */
const HIT_TTL_MS = 60 * 60_000;
const MISS_TTL_MS = 10 * 60_000;

interface Entry {
  place: GeocodedPlace | undefined;
  until: number;
}

/** The adapter for the configured protocol. */
export function adapterFor(settings: GeocoderSettings, publicUrl: string): GeocoderAdapter {
  const options = { baseUrl: settings.url.replace(/\/$/, ''), userAgent: userAgent(publicUrl) };
  return settings.protocol === 'photon' ? photonGeocoder(options) : nominatimGeocoder(options);
}

/** The configured geocoder behind a short timeout and a small cache; never throws. */
export interface CachedGeocoder {
  find(networkId: string, text: string, language: string, region: Region | undefined): Promise<GeocodedPlace | undefined>;
}

/** A cached geocoder over an adapter. Failures (timeout, HTTP error, bad JSON) give undefined and are not cached. */
export function cachedGeocoder(adapter: GeocoderAdapter, timeoutMs: number, now: () => number = Date.now): CachedGeocoder {
  const cache = new Map<string, Entry>();
  return {
    async find(networkId, text, language, region) {
      const key = `${networkId}\u0000${language}\u0000${normalizeName(text)}`;
      const cached = cache.get(key);
      if (cached && cached.until > now()) {
        // Touch: most recently used goes last.
        cache.delete(key);
        cache.set(key, cached);
        return cached.place;
      }
      let place: GeocodedPlace | undefined;
      try {
        place = await adapter.search({ text, language, region, signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        // The report is filed unplaced and a dispatcher places it; the geocoder is only a help.
        return undefined;
      }
      if (place && !inRegion(place.point, region)) place = undefined;
      cache.delete(key);
      cache.set(key, { place, until: now() + (place ? HIT_TTL_MS : MISS_TTL_MS) });
      while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      return place;
    },
  };
}

// One per configuration: tests (and a reload) that swap the config get a fresh cache.
const byConfig = new WeakMap<Deps['config'], CachedGeocoder | null>();

/** The network's own geocoder, if one is configured (GEOCODER_URL); undefined when it is off. */
export function geocoderOf(deps: Deps): CachedGeocoder | undefined {
  let g = byConfig.get(deps.config);
  if (g === undefined) {
    const settings = deps.config.geocoder;
    g = settings ? cachedGeocoder(adapterFor(settings, deps.config.publicUrl), settings.timeoutMs) : null;
    byConfig.set(deps.config, g);
  }
  return g ?? undefined;
}
