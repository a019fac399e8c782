import {
  AssignCareRide,
  CalendarFeed,
  CareRide,
  CareRideAddress,
  CareRideList,
  CareRideParams,
  CareRideProgress,
  CareRideQuery,
  CareRideRequestCreated,
  ClaimCareRide,
  CreateCareRide,
  ErrorResponse,
  FeedParams,
  NetworkParams,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import type { CareRideAction } from './care.policy.ts';
import * as requests from './ride-requests.service.ts';
import * as feeds from './rides-feed.service.ts';
import * as rides from './rides.service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['care'];
const policy = (action: CareRideAction) => ({ policy: { module: 'care', action } });

/**
 * Rides and accompaniment: filing, the list (coarse area only), claim, assignment, the trip's
 * steps, the address endpoint (the only way a pickup or drop-off leaves the server), and the
 * driver's calendar feed (never an address).
 */
export async function registerCareRideRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug/care';
  r.post(
    `${base}/rides`,
    {
      config: policy('ride.file'),
      schema: { tags, params: NetworkParams, body: CreateCareRide, response: { 201: CareRideRequestCreated, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await requests.fileRide(contextOf(req, deps), req.params.slug, req.body)),
  );
  r.get(
    `${base}/rides`,
    {
      config: policy('ride.list'),
      schema: { tags, params: NetworkParams, querystring: CareRideQuery, response: { 200: CareRideList, ...errors } },
    },
    (req) => requests.listRides(contextOf(req, deps), req.params.slug, req.query.status),
  );
  r.post(
    `${base}/rides/:rideId/claim`,
    {
      config: policy('ride.claim'),
      schema: { tags, params: CareRideParams, body: ClaimCareRide, response: { 200: CareRide, ...errors } },
    },
    (req) => rides.claimRide(contextOf(req, deps), req.params.slug, req.params.rideId, req.body.organizationId),
  );
  r.post(
    `${base}/rides/:rideId/assign`,
    {
      config: policy('ride.assign'),
      schema: { tags, params: CareRideParams, body: AssignCareRide, response: { 200: CareRide, ...errors } },
    },
    (req) => rides.assignRide(contextOf(req, deps), req.params.slug, req.params.rideId, req.body),
  );
  r.post(
    `${base}/rides/:rideId/progress`,
    {
      config: policy('ride.progress'),
      schema: { tags, params: CareRideParams, body: CareRideProgress, response: { 200: CareRide, ...errors } },
    },
    (req) => rides.progressRide(contextOf(req, deps), req.params.slug, req.params.rideId, req.body),
  );
  r.get(
    `${base}/rides/:rideId/address`,
    { config: policy('ride.address'), schema: { tags, params: CareRideParams, response: { 200: CareRideAddress, ...errors } } },
    async (req, reply) => {
      // A shared phone must not keep it: not in caches, not in the back-forward history.
      reply.header('cache-control', 'no-store');
      return rides.readRideAddress(contextOf(req, deps), req.params.slug, req.params.rideId);
    },
  );
  for (const [method, action] of [
    ['GET', 'get'],
    ['POST', 'create'],
    ['DELETE', 'revoke'],
  ] as const)
    r.route({
      method,
      url: `${base}/ride-feed`,
      config: policy('ride.feed'),
      schema: { tags, params: NetworkParams, response: { 200: CalendarFeed, ...errors } },
      handler: (req) => feeds.myRideFeed(contextOf(req, deps), req.params.slug, action),
    });
  r.get(
    '/api/v1/care/ride-calendar/:token',
    { schema: { tags, params: FeedParams, response: { 400: ErrorResponse, 404: ErrorResponse, 503: ErrorResponse } } },
    async (req, reply) =>
      reply
        .headers({ 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' })
        .send((await feeds.renderRideFeed(deps, req.params.token.replace(/\.ics$/, ''))) as never),
  );
}
