import { z } from 'zod';
import { Id } from './common.ts';
import { GeoPoint } from './rapid-response.ts';

/** What a gazetteer entry is. Areas have a boundary; the rest are points. */
export const PLACE_KINDS = ['area', 'intersection', 'landmark', 'site', 'station'] as const;

/** A named place of a network's gazetteer, as lists and matches show it. */
export const Place = z.object({
  id: Id,
  kind: z.enum(PLACE_KINDS),
  name: z.string(),
  /** Where it is: an area's centre, or the point itself. */
  point: GeoPoint,
  /** The named area (neighbourhood) it lies in, when the network has areas. */
  areaName: z.string().nullable(),
});

/** A place found for typed text, with how sure the match is (0–1). */
export const PlaceMatch = Place.extend({ score: z.number().min(0).max(1) });

/** Search results, best first. */
export const PlaceSearchResult = z.object({ places: z.array(PlaceMatch) });

/** Query of a gazetteer search (fewer than two letters finds nothing). */
export const PlaceSearchQuery = z.strictObject({
  q: z.string().trim().max(200).default(''),
});

/** A named area (neighbourhood) people can subscribe to by name. */
export const Area = z.object({
  id: Id,
  name: z.string(),
  point: GeoPoint,
});

/** A network's named areas, by name. */
export const AreaList = z.object({ areas: z.array(Area) });

/**
 * An import of named places: a GeoJSON FeatureCollection (a city's open-data file). Polygons
 * become areas, points become places of `kind`; each feature's name is read from `nameProperty`.
 */
export const PlaceImportRequest = z.strictObject({
  geojson: z.string().min(2).max(8_000_000),
  nameProperty: z.string().trim().min(1).max(60).default('name'),
  kind: z.enum(['intersection', 'landmark', 'station']).default('landmark'),
});

/** What an import did. */
export const PlaceImportResult = z.object({ areas: z.number().int(), places: z.number().int(), skipped: z.number().int() });

/** A dispatcher sets or corrects where an incident is: a gazetteer place, or a point placed on the map. */
export const SetIncidentLocationRequest = z.union([
  z.strictObject({ placeId: Id, version: z.number().int() }),
  z.strictObject({ point: GeoPoint, locationText: z.string().trim().max(300).optional(), version: z.number().int() }),
]);
