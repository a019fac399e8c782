import {
  AlertReach,
  AlertUpdateRequest,
  AlertUpdateSent,
  ConfirmSubscriptionRequest,
  CreateSubscriptionRequest,
  ErrorResponse,
  IncidentParams,
  NetworkParams,
  Ok,
  PublicAlertList,
  SubscriptionConfirmed,
  SubscriptionCreated,
  SubscriptionTokenParams,
  VapidPublicKey,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { streamEvents } from '../../platform/http/sse.ts';
import { alertReach } from './alert-reach.service.ts';
import { sendAlertUpdate } from './alert-updates.service.ts';
import type { AlertsAction } from './alerts.policy.ts';
import * as alerts from './alerts.service.ts';

const errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse };
const tags = ['alerts'];
const policy = (action: AlertsAction) => ({ policy: { module: 'alerts', action } });

/** Anonymous alert subscriptions (and their confirmation), the public alert list and stream, the VAPID key; dispatchers' updates and
 * how many an alert reaches. */
export async function alertsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/networks/:slug/alert-subscriptions',
    {
      // Anonymous writes share the report intake's per-source limit.
      config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: NetworkParams,
        body: CreateSubscriptionRequest,
        response: { 200: SubscriptionCreated, 201: SubscriptionCreated, 202: SubscriptionCreated, ...errors },
      },
    },
    async (req, reply) => {
      const { status, body } = await alerts.subscribe(contextOf(req, deps), req.params.slug, req.body);
      return reply.status(status).send(body);
    },
  );

  r.post(
    '/api/v1/networks/:slug/alert-subscriptions/confirm',
    {
      config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: NetworkParams,
        body: ConfirmSubscriptionRequest,
        response: { 200: SubscriptionConfirmed, ...errors },
      },
    },
    (req) => alerts.confirm(contextOf(req, deps), req.params.slug, req.body),
  );

  r.post(
    '/api/v1/networks/:slug/incidents/:incidentId/alert-updates',
    {
      config: policy('alert.update'),
      schema: {
        tags,
        params: IncidentParams,
        body: AlertUpdateRequest,
        response: { 201: AlertUpdateSent, 401: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await sendAlertUpdate(contextOf(req, deps), req.params.slug, req.params.incidentId, req.body)),
  );

  r.get(
    '/api/v1/networks/:slug/incidents/:incidentId/alert-reach',
    {
      config: policy('alert.reach'),
      schema: { tags, params: IncidentParams, response: { 200: AlertReach, 401: ErrorResponse, 403: ErrorResponse, ...errors } },
    },
    (req) => alertReach(contextOf(req, deps), req.params.slug, req.params.incidentId),
  );

  r.delete(
    '/api/v1/alert-subscriptions/:token',
    {
      config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags, params: SubscriptionTokenParams, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await alerts.unsubscribe(contextOf(req, deps), req.params.token);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/networks/:slug/alerts',
    { schema: { tags, params: NetworkParams, response: { 200: PublicAlertList, ...errors } } },
    (req) => alerts.listPublicAlerts(contextOf(req, deps), req.params.slug),
  );

  r.get(
    '/api/v1/networks/:slug/alerts/stream',
    { schema: { tags, params: NetworkParams, response: { 404: ErrorResponse } } },
    async (req, reply) => {
      const networkId = await alerts.openPublicAlertStream(contextOf(req, deps), req.params.slug);
      // Public: alerts only, as published (coarse area, no incident detail).
      streamEvents(req, reply, deps.events, networkId, (e) => (e.type === 'alert.published' ? e : undefined));
    },
  );

  r.get('/api/v1/push/vapid-public-key', { schema: { tags, response: { 200: VapidPublicKey, ...errors } } }, (req) =>
    alerts.vapidPublicKey(contextOf(req, deps)),
  );
}
