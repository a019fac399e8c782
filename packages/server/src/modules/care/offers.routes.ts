import {
  CareOffer,
  CareOfferList,
  CareOfferParams,
  CareOfferQuery,
  CreateCareOffer,
  DecideCareOffer,
  ErrorResponse,
  NetworkParams,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import type { CareAction } from './care.policy.ts';
import * as offers from './offers.service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['care'];
const policy = (action: CareAction) => ({ policy: { module: 'care', action } });

/** Offers of items, driving time and storage: members file, coordinators list and decide. */
export async function registerOfferRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug/care/offers';
  r.post(
    base,
    {
      config: policy('offer.file'),
      schema: { tags, params: NetworkParams, body: CreateCareOffer, response: { 201: CareOffer, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await offers.fileOffer(contextOf(req, deps), req.params.slug, req.body)),
  );
  r.get(
    base,
    {
      config: policy('offer.list'),
      schema: { tags, params: NetworkParams, querystring: CareOfferQuery, response: { 200: CareOfferList, ...errors } },
    },
    (req) => offers.listOffers(contextOf(req, deps), req.params.slug, req.query.status),
  );
  r.post(
    `${base}/:offerId/decision`,
    {
      config: policy('offer.decide'),
      schema: { tags, params: CareOfferParams, body: DecideCareOffer, response: { 200: CareOffer, ...errors } },
    },
    (req) => offers.decideOffer(contextOf(req, deps), req.params.slug, req.params.offerId, req.body),
  );
}
