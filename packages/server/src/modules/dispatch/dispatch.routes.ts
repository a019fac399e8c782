import {
  AvailabilityRequest,
  Dispatch,
  DispatchParams,
  DispatchRequest,
  ErrorResponse,
  IncidentParams,
  MemberQualificationsList,
  NetworkParams,
  OrganizationParams,
  ResponderState,
  ResponseDashboard,
  SetQualificationsRequest,
  Slug,
  UpdateDispatchRequest,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { streamEvents } from '../../platform/http/sse.ts';
import * as dispatch from './dispatch.service.ts';
import * as responders from './responders.service.ts';
import type { DispatchAction } from './dispatch.policy.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['dispatch'];
const policy = (action: DispatchAction) => ({ policy: { module: 'dispatch', action } });

/** Responder availability, dispatching, answers, and the response-time dashboard. */
export async function dispatchRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug';

  r.get(
    `${base}/responder`,
    { config: policy('responder.self'), schema: { tags, params: NetworkParams, response: { 200: ResponderState, ...errors } } },
    (req) => responders.responderState(contextOf(req, deps), req.params.slug),
  );

  r.put(
    `${base}/responder/availability`,
    {
      config: policy('responder.self'),
      schema: { tags, params: NetworkParams, body: AvailabilityRequest, response: { 200: ResponderState, ...errors } },
    },
    (req) => responders.setAvailability(contextOf(req, deps), req.params.slug, req.body),
  );

  r.get(
    `${base}/responder/stream`,
    {
      config: policy('responder.self'),
      schema: { tags, params: NetworkParams, response: { 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
    },
    async (req, reply) => {
      const { networkId, accountId } = await responders.openResponderStream(contextOf(req, deps), req.params.slug);
      // A responder sees only their own dispatches: never the queue, never others.
      streamEvents(req, reply, deps.events, networkId, (e) =>
        e.type === 'dispatch.updated' && (e.data.dispatch as { accountId: string }).accountId === accountId ? e : undefined,
      );
    },
  );

  r.get(
    `${base}/organizations/:orgId/qualifications`,
    {
      config: policy('responder.qualifications'),
      schema: { tags, params: OrganizationParams, response: { 200: MemberQualificationsList, ...errors } },
    },
    (req) => responders.listMemberQualifications(contextOf(req, deps), req.params.slug, req.params.orgId),
  );

  r.put(
    `${base}/members/:accountId/qualifications`,
    {
      config: policy('responder.qualifications'),
      schema: {
        tags,
        params: z.strictObject({ slug: Slug, accountId: z.uuid() }),
        body: SetQualificationsRequest,
        response: { 200: z.object({ accountId: z.uuid(), qualifications: z.array(z.string()) }), ...errors },
      },
    },
    (req) => responders.setQualifications(contextOf(req, deps), req.params.slug, req.params.accountId, req.body),
  );

  r.post(
    `${base}/incidents/:incidentId/dispatches`,
    {
      config: policy('dispatch.create'),
      schema: {
        tags,
        params: IncidentParams,
        body: DispatchRequest,
        response: { 200: z.object({ dispatches: z.array(Dispatch) }), ...errors },
      },
    },
    (req) => dispatch.createDispatches(contextOf(req, deps), req.params.slug, req.params.incidentId, req.body),
  );

  r.patch(
    `${base}/dispatches/:dispatchId`,
    {
      config: policy('responder.self'),
      schema: { tags, params: DispatchParams, body: UpdateDispatchRequest, response: { 200: Dispatch, ...errors } },
    },
    (req) => dispatch.updateMyDispatch(contextOf(req, deps), req.params.slug, req.params.dispatchId, req.body),
  );

  r.post(
    `${base}/dispatches/:dispatchId/stand-down`,
    { config: policy('dispatch.stand_down'), schema: { tags, params: DispatchParams, response: { 200: Dispatch, ...errors } } },
    (req) => dispatch.standDown(contextOf(req, deps), req.params.slug, req.params.dispatchId),
  );

  r.get(
    `${base}/response-times`,
    {
      config: policy('dispatch.dashboard'),
      schema: { tags, params: NetworkParams, response: { 200: ResponseDashboard, ...errors } },
    },
    (req) => dispatch.responseDashboard(contextOf(req, deps), req.params.slug),
  );
}
