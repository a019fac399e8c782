import {
  AssignCareTask,
  CareClaimRequest,
  CareClaimRequestParams,
  CareClaimRequestList,
  DecideCareClaim,
  RequestCareClaim,
  CareReceipt,
  CareReceiptStatus,
  CareReceiptStatusRequest,
  CareRequestList,
  CareRequestParams,
  CareRequestSummary,
  CareTask,
  CareTaskAddress,
  CareTaskList,
  CareTaskParams,
  CareTaskProgress,
  CareTaskQuery,
  ClaimCareTask,
  CreateCareRequest,
  ErrorResponse,
  NetworkParams,
  TriageCareRequest,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import type { CareAction } from './care.policy.ts';
import * as claims from './claim-requests.service.ts';
import { registerHubRoutes } from './hubs.routes.ts';
import { registerCarePublicPages } from './public-form.routes.ts';
import * as requests from './requests.service.ts';
import { registerCareRideRoutes } from './rides.routes.ts';
import * as tasks from './tasks.service.ts';
import { registerOfferRoutes } from './offers.routes.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['care'];
const policy = (action: CareAction) => ({ policy: { module: 'care', action } });
const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\w.:-]+$/)
    .optional(),
});

/**
 * Delivery requests (public and member-filed), triage, tasks and the address endpoint. The
 * address is never in a list, a URL or a log line: only `GET …/tasks/:taskId/address` returns it.
 */
export async function registerCareRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug/care';
  const publicLimit = { rateLimit: { max: deps.config.reportLimitPerMinute, timeWindow: '1 minute' } };
  await registerCarePublicPages(app, deps);

  // The public door: anonymous, rate limited per source, idempotent.
  r.post(
    `${base}/public-requests`,
    {
      config: publicLimit,
      schema: {
        tags,
        params: NetworkParams,
        headers: IdempotencyHeaders,
        body: CreateCareRequest,
        response: { 200: CareReceipt, 201: CareReceipt, ...errors },
      },
    },
    async (req, reply) => {
      const { created, ...receipt } = await requests.submitPublicRequest(
        deps,
        req.params.slug,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(created ? 201 : 200).send(receipt);
    },
  );
  // The code only in the body, never in a logged address; one answer for unknown and malformed codes.
  r.post(
    `${base}/receipt-status`,
    {
      config: publicLimit,
      schema: { tags, params: NetworkParams, body: CareReceiptStatusRequest, response: { 200: CareReceiptStatus, ...errors } },
    },
    (req) => requests.careReceiptStatus(deps, req.params.slug, req.body.code),
  );

  r.post(
    `${base}/requests`,
    {
      config: policy('request.file'),
      schema: { tags, params: NetworkParams, body: CreateCareRequest, response: { 201: CareRequestSummary, ...errors } },
    },
    async (req, reply) =>
      reply.status(201).send(await requests.fileMemberRequest(contextOf(req, deps), req.params.slug, req.body)),
  );
  r.get(
    `${base}/requests`,
    { config: policy('request.list'), schema: { tags, params: NetworkParams, response: { 200: CareRequestList, ...errors } } },
    (req) => requests.listRequests(contextOf(req, deps), req.params.slug),
  );
  r.post(
    `${base}/requests/:requestId/triage`,
    {
      config: policy('request.triage'),
      schema: { tags, params: CareRequestParams, body: TriageCareRequest, response: { 200: CareRequestSummary, ...errors } },
    },
    (req) => requests.triageRequest(contextOf(req, deps), req.params.slug, req.params.requestId, req.body),
  );

  r.get(
    `${base}/tasks`,
    {
      config: policy('task.list'),
      schema: { tags, params: NetworkParams, querystring: CareTaskQuery, response: { 200: CareTaskList, ...errors } },
    },
    (req) =>
      tasks.listTasks(
        contextOf(req, deps),
        req.params.slug,
        req.query.status,
        req.query.near ? { cell: req.query.near, rings: req.query.rings } : undefined,
      ),
  );
  r.post(
    `${base}/tasks/:taskId/claim`,
    {
      config: policy('task.claim'),
      schema: { tags, params: CareTaskParams, body: ClaimCareTask, response: { 200: CareTask, ...errors } },
    },
    (req) => tasks.claimTask(contextOf(req, deps), req.params.slug, req.params.taskId, req.body.organizationId),
  );
  r.post(
    `${base}/tasks/:taskId/claim-requests`,
    {
      config: policy('task.request_claim'),
      schema: { tags, params: CareTaskParams, body: RequestCareClaim, response: { 201: CareClaimRequest, ...errors } },
    },
    async (req, reply) =>
      reply.status(201).send(await claims.requestClaim(contextOf(req, deps), req.params.slug, req.params.taskId, req.body)),
  );
  r.post(
    `${base}/tasks/:taskId/claim-requests/:claimRequestId/decision`,
    {
      config: policy('task.transfer'),
      schema: { tags, params: CareClaimRequestParams, body: DecideCareClaim, response: { 200: CareClaimRequest, ...errors } },
    },
    (req) => claims.decideClaim(contextOf(req, deps), req.params.slug, req.params.taskId, req.params.claimRequestId, req.body),
  );
  r.post(
    `${base}/tasks/:taskId/assign`,
    {
      config: policy('task.assign'),
      schema: { tags, params: CareTaskParams, body: AssignCareTask, response: { 200: CareTask, ...errors } },
    },
    (req) => tasks.assignTask(contextOf(req, deps), req.params.slug, req.params.taskId, req.body),
  );
  r.post(
    `${base}/tasks/:taskId/progress`,
    {
      config: policy('task.progress'),
      schema: { tags, params: CareTaskParams, body: CareTaskProgress, response: { 200: CareTask, ...errors } },
    },
    (req) => tasks.progressTask(contextOf(req, deps), req.params.slug, req.params.taskId, req.body),
  );
  // The owner's coordinators see who asks for their task, to approve or decline ("Request instead of Claim").
  r.get(
    `${base}/tasks/:taskId/claim-requests`,
    {
      config: policy('task.transfer'),
      schema: { tags, params: CareTaskParams, response: { 200: CareClaimRequestList, ...errors } },
    },
    (req) => claims.listClaimRequests(contextOf(req, deps), req.params.slug, req.params.taskId),
  );
  r.get(
    `${base}/tasks/:taskId/address`,
    {
      config: policy('task.address'),
      schema: { tags, params: CareTaskParams, response: { 200: CareTaskAddress, ...errors } },
    },
    async (req, reply) => {
      // A shared phone must not keep it: not in caches, not in the back-forward history.
      reply.header('cache-control', 'no-store');
      return tasks.readTaskAddress(contextOf(req, deps), req.params.slug, req.params.taskId);
    },
  );
  await registerCareRideRoutes(app, deps);
  await registerHubRoutes(app, deps);
  await registerOfferRoutes(app, deps);
}
