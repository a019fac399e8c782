import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { MAP_TILE_FORMATS, type MapSettings } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { basemapSettings } from './basemap.service.ts';

/** Where the browser fetches tiles: outside /api/ on purpose, so a tile costs no session lookup. */
export const TILE_PATH_PREFIX = '/map/tiles';

/** What a tile directory holds: its zoom range and the raster format of its files. */
interface TileSetInfo {
  minZoom: number;
  maxZoom: number;
  format: (typeof MAP_TILE_FORMATS)[number];
}

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };
const MAX_ZOOM = 22;

// A tile directory is scanned once per path; restart to pick up a new zoom level.
const scans = new Map<string, Promise<TileSetInfo | null>>();

/** Zoom levels are the numeric folders of the directory; the format is that of the first tile found. */
async function scanTileDirectory(dir: string): Promise<TileSetInfo | null> {
  try {
    const zooms = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && /^[0-9]{1,2}$/.test(d.name) && Number(d.name) <= MAX_ZOOM)
      .map((d) => Number(d.name))
      .sort((a, b) => a - b);
    for (const z of zooms) {
      for (const x of await readdir(join(dir, String(z)))) {
        if (!/^[0-9]+$/.test(x)) continue;
        const tile = (await readdir(join(dir, String(z), x))).find((f) => /^[0-9]+\.(?:png|jpg|jpeg|webp)$/.test(f));
        if (tile)
          return { minZoom: zooms[0], maxZoom: zooms[zooms.length - 1], format: extname(tile).slice(1) as TileSetInfo['format'] };
      }
    }
    return null;
  } catch {
    return null;
  }
}

/** The configured tile set, or null when none is configured or the directory holds no tiles. */
async function tileSet(ctx: RequestContext): Promise<(TileSetInfo & { dir: string; attribution: string | null }) | null> {
  const configured = ctx.deps.config.mapTiles;
  if (!configured) return null;
  const dir = resolve(configured.dir);
  let scan = scans.get(dir);
  if (!scan) {
    scan = scanTileDirectory(dir);
    scans.set(dir, scan);
  }
  const info = await scan;
  return info ? { ...info, dir, attribution: configured.attribution } : null;
}

/** How maps draw their background here: the vector basemap, the raster tile set, or neither (the outline map). */
export async function mapSettings(ctx: RequestContext): Promise<z.infer<typeof MapSettings>> {
  const [set, basemap] = await Promise.all([tileSet(ctx), basemapSettings(ctx)]);
  if (!set) return { tiles: null, basemap };
  return {
    tiles: {
      urlTemplate: `${TILE_PATH_PREFIX}/{z}/{x}/{y}.${set.format}`,
      minZoom: set.minZoom,
      maxZoom: set.maxZoom,
      attribution: set.attribution,
    },
    basemap,
  };
}

/** One tile file, ready to send. */
export interface Tile {
  body: Buffer;
  contentType: string;
  etag: string;
}

/**
 * Read one tile. The parameters are digits (checked by the route's schema), so the path
 * cannot leave the directory; the prefix check below is a second lock. Anything absent,
 * out of range, or not configured is a plain 404.
 */
export async function readTile(ctx: RequestContext, params: { z: string; x: string; y: string }): Promise<Tile> {
  const set = await tileSet(ctx);
  if (!set) throw notFound();
  const z = Number(params.z);
  const x = Number(params.x);
  const [yDigits, ext] = params.y.split('.');
  const y = Number(yDigits);
  const side = 2 ** z;
  if (z < set.minZoom || z > set.maxZoom || x >= side || y >= side || !(ext in CONTENT_TYPES)) throw notFound();
  const file = resolve(set.dir, String(z), String(x), `${y}.${ext}`);
  if (!file.startsWith(set.dir + sep)) throw notFound();
  try {
    const info = await stat(file);
    if (!info.isFile()) throw notFound();
    return {
      body: await readFile(file),
      contentType: CONTENT_TYPES[ext],
      etag: `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
    };
  } catch {
    throw notFound();
  }
}
