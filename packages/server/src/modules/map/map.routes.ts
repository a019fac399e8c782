import { ErrorResponse, MapSettings, MapTileParams } from '@switchboard/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { AppError } from '../../platform/errors.ts';
import { BASEMAP_PATH, readBasemap } from './basemap.service.ts';
import { mapSettings, readTile, TILE_PATH_PREFIX } from './map-tiles.service.ts';

const tags = ['map'];
/** Tiles change only when the self-hoster replaces the set: let browsers keep them a week. */
const TILE_CACHE = 'public, max-age=604800';

/** Map settings and self-hosted tiles. Public: the public alert map uses them too, and they hold nothing about anyone. */
export async function mapRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/map', { schema: { tags, response: { 200: MapSettings, 429: ErrorResponse } } }, (req) =>
    mapSettings(contextOf(req, deps)),
  );

  r.get(
    `${TILE_PATH_PREFIX}/:z/:x/:y`,
    {
      // Panning a map fetches tiles by the dozen; they are cheap file reads.
      config: { rateLimit: { max: 3000, timeWindow: '1 minute' } },
      // Outside /api/ like the public pages, so not in the OpenAPI document; map.api.test.ts covers its bad input.
      schema: {
        hide: true,
        tags,
        params: MapTileParams,
        response: { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (req, typedReply) => {
      const tile = await readTile(contextOf(req, deps), req.params);
      // A tile is bytes, not a JSON body: the zod response typing does not apply.
      const reply = typedReply as unknown as FastifyReply;
      reply.header('cache-control', TILE_CACHE).header('etag', tile.etag);
      if (req.headers['if-none-match'] === tile.etag) return reply.status(304).send();
      return reply.type(tile.contentType).send(tile.body);
    },
  );

  r.get(
    BASEMAP_PATH,
    {
      // A map view reads a few dozen ranges of the file; each is a bounded file read.
      config: { rateLimit: { max: 3000, timeWindow: '1 minute' } },
      // Outside /api/ like the tiles; map.basemap.api.test.ts covers it.
      schema: { hide: true, tags, response: { 404: ErrorResponse, 416: ErrorResponse, 429: ErrorResponse } },
    },
    async (req, typedReply) => {
      // The file is bytes, not a JSON body: the zod response typing does not apply.
      const reply = typedReply as unknown as FastifyReply;
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      reply.header('accept-ranges', 'bytes');
      let read: Awaited<ReturnType<typeof readBasemap>>;
      try {
        read = await readBasemap(contextOf(req, deps), {
          range: header('range'),
          ifRange: header('if-range'),
          ifNoneMatch: header('if-none-match'),
        });
      } catch (err) {
        // 416 names the file's size, so the client can ask again within it.
        if (err instanceof AppError && err.code === 'range_not_satisfiable')
          reply.header('content-range', `bytes */${(err.details as { size: number }).size}`);
        throw err;
      }
      reply.header('cache-control', TILE_CACHE).header('etag', read.etag);
      if (read.status === 304) return reply.status(304).send();
      if (read.status === 206) reply.header('content-range', `bytes ${read.start}-${read.end}/${read.size}`);
      return reply
        .status(read.status)
        .type('application/vnd.pmtiles')
        .header('content-length', read.end - read.start + 1)
        .send(read.body);
    },
  );
}
