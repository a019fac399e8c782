import {
  AreaList,
  ErrorResponse,
  NetworkParams,
  PlaceImportRequest,
  PlaceImportResult,
  PlaceSearchQuery,
  PlaceSearchResult,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { importPlaces } from './import.service.ts';
import type { PlacesAction } from './places.policy.ts';
import { listAreas, searchPlaces } from './places.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['places'];
const policy = (action: PlacesAction) => ({ policy: { module: 'places', action } });
/** A city's neighbourhood file with full boundaries runs to a few megabytes. */
const IMPORT_BODY_LIMIT = 8 * 1024 * 1024 + 4096;

/** Gazetteer search, the public list of named areas, and imports of a city's files. */
export async function placesRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/networks/:slug/places',
    {
      config: policy('place.search'),
      schema: { tags, params: NetworkParams, querystring: PlaceSearchQuery, response: { 200: PlaceSearchResult, ...errors } },
    },
    (req) => searchPlaces(contextOf(req, deps), req.params.slug, req.query),
  );
  r.post(
    '/api/v1/networks/:slug/places/import',
    {
      config: policy('place.import'),
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { tags, params: NetworkParams, body: PlaceImportRequest, response: { 200: PlaceImportResult, ...errors } },
    },
    (req) => importPlaces(contextOf(req, deps), req.params.slug, req.body),
  );
  r.get(
    '/api/v1/networks/:slug/areas',
    { schema: { tags, params: NetworkParams, response: { 200: AreaList, 404: ErrorResponse } } },
    (req) => listAreas(deps, req.params.slug),
  );
}
