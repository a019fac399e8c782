import {
  ChangeIncidentStatusRequest,
  CreateReportRequest,
  ErrorResponse,
  Incident,
  IncidentDetail,
  IncidentList,
  IncidentParams,
  MergeIncidentsRequest,
  NetworkParams,
  ReportParams,
  ReportReceipt,
  SetIncidentLocationRequest,
  SplitIncidentRequest,
  StructureReportRequest,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { streamEvents } from '../../platform/http/sse.ts';
import { setIncidentLocation } from './incident-location.service.ts';
import * as incidents from './incidents.service.ts';
import * as merging from './incident-merge.service.ts';
import { openDispatcherStream, submitApiReport, submitPhoneReport } from './intake-routes.service.ts';
import type { ReportsAction } from './reports.policy.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  428: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['rapid response'];
const policy = (action: ReportsAction) => ({ policy: { module: 'reports', action } });
const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\w.:-]+$/)
    .optional(),
});

/** Report intake, the dispatcher queue, incident changes and the live stream. */
export async function reportsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug';

  r.post(
    `${base}/reports`,
    {
      config: { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: NetworkParams,
        headers: IdempotencyHeaders,
        body: CreateReportRequest,
        response: { 200: ReportReceipt, 201: ReportReceipt, ...errors },
      },
    },
    async (req, reply) => {
      const { created, ...receipt } = await submitApiReport(
        contextOf(req, deps),
        req.params.slug,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(created ? 201 : 200).send(receipt);
    },
  );

  r.post(
    `${base}/phone-reports`,
    {
      config: policy('report.phone_intake'),
      schema: { tags, params: NetworkParams, body: CreateReportRequest, response: { 201: ReportReceipt, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await submitPhoneReport(contextOf(req, deps), req.params.slug, req.body)),
  );

  r.get(
    `${base}/incidents`,
    {
      config: policy('incident.list'),
      schema: {
        tags,
        params: NetworkParams,
        querystring: z.strictObject({ scope: z.enum(['open', 'all']).default('open') }),
        response: { 200: IncidentList, ...errors },
      },
    },
    (req) => incidents.listIncidents(contextOf(req, deps), req.params.slug, req.query.scope),
  );

  r.get(
    `${base}/incidents/:incidentId`,
    { config: policy('incident.read'), schema: { tags, params: IncidentParams, response: { 200: IncidentDetail, ...errors } } },
    (req) => incidents.getIncident(contextOf(req, deps), req.params.slug, req.params.incidentId),
  );

  r.post(
    `${base}/incidents/:incidentId/status`,
    {
      config: policy('incident.update'),
      schema: { tags, params: IncidentParams, body: ChangeIncidentStatusRequest, response: { 200: Incident, ...errors } },
    },
    (req) => incidents.changeStatus(contextOf(req, deps), req.params.slug, req.params.incidentId, req.body),
  );

  r.post(
    `${base}/incidents/:incidentId/lock`,
    { config: policy('incident.update'), schema: { tags, params: IncidentParams, response: { 200: Incident, ...errors } } },
    (req) => incidents.lockIncident(contextOf(req, deps), req.params.slug, req.params.incidentId),
  );

  r.delete(
    `${base}/incidents/:incidentId/lock`,
    { config: policy('incident.update'), schema: { tags, params: IncidentParams, response: { 200: Incident, ...errors } } },
    (req) => incidents.unlockIncident(contextOf(req, deps), req.params.slug, req.params.incidentId),
  );

  r.post(
    `${base}/incidents/:incidentId/merge`,
    {
      config: policy('incident.update'),
      schema: { tags, params: IncidentParams, body: MergeIncidentsRequest, response: { 200: Incident, ...errors } },
    },
    (req) => merging.mergeIncidents(contextOf(req, deps), req.params.slug, req.params.incidentId, req.body),
  );

  r.post(
    `${base}/incidents/:incidentId/split`,
    {
      config: policy('incident.update'),
      schema: { tags, params: IncidentParams, body: SplitIncidentRequest, response: { 200: IncidentDetail, ...errors } },
    },
    (req) => merging.splitIncident(contextOf(req, deps), req.params.slug, req.params.incidentId, req.body),
  );

  r.put(
    `${base}/incidents/:incidentId/location`,
    {
      config: policy('incident.update'),
      schema: { tags, params: IncidentParams, body: SetIncidentLocationRequest, response: { 200: Incident, ...errors } },
    },
    (req) => setIncidentLocation(contextOf(req, deps), req.params.slug, req.params.incidentId, req.body),
  );

  r.post(
    `${base}/reports/:reportId/structure`,
    {
      config: policy('incident.update'),
      schema: { tags, params: ReportParams, body: StructureReportRequest, response: { 200: Incident, ...errors } },
    },
    (req) => incidents.structureReport(contextOf(req, deps), req.params.slug, req.params.reportId, req.body),
  );

  r.get(
    `${base}/reports/:reportId/contact`,
    {
      config: policy('report.contact.read'),
      schema: { tags, params: ReportParams, response: { 200: z.object({ contact: z.string() }), ...errors } },
    },
    (req) => incidents.readReportContact(contextOf(req, deps), req.params.slug, req.params.reportId),
  );

  r.get(
    `${base}/dispatch/stream`,
    {
      config: policy('stream.read'),
      schema: { tags, params: NetworkParams, response: { 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
    },
    async (req, reply) => {
      const networkId = await openDispatcherStream(contextOf(req, deps), req.params.slug);
      streamEvents(req, reply, deps.events, networkId, (e) =>
        e.type === 'alert.published' || e.type === 'responder.updated' ? undefined : e,
      );
    },
  );
}
