import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { MapBasemap } from '@switchboard/shared';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { parseByteRange } from './byte-range.ts';

/** Where the browser reads the basemap: outside /api/ like tiles, so a read costs no session lookup. */
export const BASEMAP_PATH = '/map/basemap.pmtiles';

/** The configured basemap file and what identifies its current version. */
interface BasemapFile {
  path: string;
  size: number;
  etag: string;
  attribution: string | null;
}

/** The configured PMTiles file if it exists and is a file; checked at each request (a stat), so replacing it needs no restart. */
async function basemapFile(ctx: RequestContext): Promise<BasemapFile | null> {
  const configured = ctx.deps.config.basemap;
  if (!configured) return null;
  const path = resolve(configured.file);
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size === 0) return null;
    return {
      path,
      size: info.size,
      etag: `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
      attribution: configured.attribution,
    };
  } catch {
    return null;
  }
}

/** The basemap part of the map settings: where to read it, or null when none is usable. */
export async function basemapSettings(ctx: RequestContext): Promise<z.infer<typeof MapBasemap> | null> {
  const file = await basemapFile(ctx);
  return file ? { url: BASEMAP_PATH, attribution: file.attribution } : null;
}

/** What to answer a basemap read with. */
export type BasemapReply =
  | { status: 304; etag: string }
  | { status: 200 | 206; etag: string; size: number; start: number; end: number; body: ReadStream };

/**
 * A read of the basemap: the whole file, or the one byte range asked for (PMTiles
 * clients read the header, then directories and tiles, by Range). `If-Range` with
 * another version, or no Range, gets the whole file; a range past the end is 416.
 */
export async function readBasemap(
  ctx: RequestContext,
  headers: { range?: string; ifRange?: string; ifNoneMatch?: string },
): Promise<BasemapReply> {
  const file = await basemapFile(ctx);
  if (!file) throw notFound();
  const honourRange = !headers.ifRange || headers.ifRange === file.etag;
  const range = honourRange ? parseByteRange(headers.range, file.size) : null;
  if (range === 'unsatisfiable') throw new AppError('range_not_satisfiable', 416, { size: file.size });
  if (!range && headers.ifNoneMatch === file.etag) return { status: 304, etag: file.etag };
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  return {
    status: range ? 206 : 200,
    etag: file.etag,
    size: file.size,
    start,
    end,
    body: createReadStream(file.path, { start, end }),
  };
}
