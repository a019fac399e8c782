import { CreateSubscriptionRequest, ErrorResponse, NetworkParams, Ok, PublicAlertList, SubscriptionCreated, SubscriptionTokenParams, VapidPublicKey } from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { streamEvents } from '../../platform/http/sse.ts';
import * as alerts from './alerts.service.ts';

const errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse };
const tags = ['alerts'];

/** Anonymous alert subscriptions, the public alert list and stream, and the VAPID key. All public by design. */
export async function alertsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/networks/:slug/alert-subscriptions', {
    // Anonymous writes share the report intake's per-source limit.
    config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags, params: NetworkParams, body: CreateSubscriptionRequest, response: { 200: SubscriptionCreated, 201: SubscriptionCreated, ...errors } },
  }, async (req, reply) => {
    const { created, ...body } = await alerts.subscribe(contextOf(req, deps), req.params.slug, req.body);
    return reply.status(created ? 201 : 200).send(body);
  });

  r.delete('/api/v1/alert-subscriptions/:token', {
    config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags, params: SubscriptionTokenParams, response: { 200: Ok, ...errors } },
  }, async (req) => {
    await alerts.unsubscribe(contextOf(req, deps), req.params.token);
    return { ok: true as const };
  });

  r.get('/api/v1/networks/:slug/alerts', { schema: { tags, params: NetworkParams, response: { 200: PublicAlertList, ...errors } } }, (req) =>
    alerts.listPublicAlerts(contextOf(req, deps), req.params.slug),
  );

  r.get('/api/v1/networks/:slug/alerts/stream', { schema: { tags, params: NetworkParams, response: { 404: ErrorResponse } } }, async (req, reply) => {
    const networkId = await alerts.openPublicAlertStream(contextOf(req, deps), req.params.slug);
    // Public: alerts only, as published (coarse area, no incident detail).
    streamEvents(req, reply, deps.events, networkId, (e) => (e.type === 'alert.published' ? e : undefined));
  });

  r.get('/api/v1/push/vapid-public-key', { schema: { tags, response: { 200: VapidPublicKey, ...errors } } }, (req) => alerts.vapidPublicKey(contextOf(req, deps)));
}
