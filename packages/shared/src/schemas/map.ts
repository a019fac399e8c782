import { z } from 'zod';

/** Raster tile formats a self-hoster's tile directory may hold. */
export const MAP_TILE_FORMATS = ['png', 'jpg', 'jpeg', 'webp'] as const;

/** A tile set served by Switchboard itself (never a third-party tile server). */
export const MapTileSet = z.object({
  /** Same-origin URL template, e.g. /api/v1/map/tiles/{z}/{x}/{y}.png. */
  urlTemplate: z.string(),
  /** Lowest zoom level present in the tile directory. */
  minZoom: z.number().int().min(0).max(22),
  /** Highest zoom level present in the tile directory. */
  maxZoom: z.number().int().min(0).max(22),
  /** Credit line the tile set's licence asks for (e.g. OpenStreetMap contributors), or null. */
  attribution: z.string().nullable(),
});
/** A vector basemap (one PMTiles v3 file, Protomaps basemap layers) served by Switchboard itself with HTTP Range requests. */
export const MapBasemap = z.object({
  /** Same-origin URL of the .pmtiles file, e.g. /map/basemap.pmtiles. */
  url: z.string(),
  /** Credit line the data's licence asks for (e.g. OpenStreetMap contributors), or null. */
  attribution: z.string().nullable(),
});
/**
 * How maps in this deployment draw their background: a vector basemap (drawn with WebGL when
 * the browser can), else raster tiles, else (both null) a self-contained outline map.
 */
export const MapSettings = z.object({ tiles: MapTileSet.nullable(), basemap: MapBasemap.nullable() });
/** Path parameters of one tile (Web Mercator, XYZ scheme). Digits only, so a path can never leave the tile directory. */
export const MapTileParams = z.strictObject({
  z: z.string().regex(/^[0-9]{1,2}$/),
  x: z.string().regex(/^[0-9]{1,8}$/),
  y: z.string().regex(/^[0-9]{1,8}\.(?:png|jpg|jpeg|webp)$/),
});
