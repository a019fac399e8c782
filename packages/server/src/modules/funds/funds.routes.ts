import {
  Allocation,
  CreateAllocation,
  CreateFund,
  DecideDisbursement,
  Disbursement,
  DisbursementList,
  DisbursementParams,
  Entry,
  EntryList,
  EntryParams,
  ErrorResponse,
  Fund,
  FundList,
  FundParams,
  FundsSummary,
  Id,
  NetworkParams,
  PayDisbursement,
  RecordDonation,
  RecordTransfer,
  RequestDisbursement,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import * as disbursements from './disbursements.service.ts';
import type { FundsAction } from './funds.policy.ts';
import * as funds from './funds.service.ts';
import * as reports from './reports.service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['funds'];
const policy = (action: FundsAction) => ({ policy: { module: 'funds', action } });
const EntryQuery = z.strictObject({ fundId: Id.optional() });

/** The funds ledger: funds, allocations, donations, transfers, entries and reversals, disbursements, export, summary. */
export async function registerFundsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug/funds';
  const ctx = (req: Parameters<typeof contextOf>[0]) => contextOf(req, deps);

  r.get(
    base,
    { config: policy('fund.list'), schema: { tags, params: NetworkParams, response: { 200: FundList, ...errors } } },
    (req) => funds.listFunds(ctx(req), req.params.slug),
  );
  r.post(
    base,
    {
      config: policy('fund.create'),
      schema: { tags, params: NetworkParams, body: CreateFund, response: { 201: Fund, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await funds.createFund(ctx(req), req.params.slug, req.body)),
  );
  r.get(
    `${base}/:fundId/allocations`,
    {
      config: policy('fund.list'),
      schema: { tags, params: FundParams, response: { 200: z.object({ allocations: z.array(Allocation) }), ...errors } },
    },
    (req) => funds.listAllocations(ctx(req), req.params.slug, req.params.fundId),
  );
  r.post(
    `${base}/:fundId/allocations`,
    {
      config: policy('allocation.create'),
      schema: { tags, params: FundParams, body: CreateAllocation, response: { 201: Allocation, ...errors } },
    },
    async (req, reply) =>
      reply.status(201).send(await funds.createAllocation(ctx(req), req.params.slug, req.params.fundId, req.body)),
  );
  r.post(
    `${base}/donations`,
    {
      config: policy('donation.record'),
      schema: { tags, params: NetworkParams, body: RecordDonation, response: { 201: Entry, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await funds.recordDonation(ctx(req), req.params.slug, req.body)),
  );
  r.post(
    `${base}/transfers`,
    {
      config: policy('transfer.record'),
      schema: { tags, params: NetworkParams, body: RecordTransfer, response: { 201: Entry, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await funds.recordTransfer(ctx(req), req.params.slug, req.body)),
  );
  r.get(
    `${base}/entries`,
    {
      config: policy('entry.list'),
      schema: { tags, params: NetworkParams, querystring: EntryQuery, response: { 200: EntryList, ...errors } },
    },
    (req) => funds.listEntries(ctx(req), req.params.slug, req.query.fundId),
  );
  // A correction is a new entry: the original is never edited or deleted.
  r.post(
    `${base}/entries/:entryId/reverse`,
    { config: policy('entry.reverse'), schema: { tags, params: EntryParams, response: { 201: Entry, ...errors } } },
    async (req, reply) => reply.status(201).send(await funds.reverseEntry(ctx(req), req.params.slug, req.params.entryId)),
  );
  r.get(
    `${base}/disbursements`,
    {
      config: policy('disbursement.list'),
      schema: { tags, params: NetworkParams, response: { 200: DisbursementList, ...errors } },
    },
    (req) => disbursements.listDisbursements(ctx(req), req.params.slug),
  );
  r.post(
    `${base}/disbursements`,
    {
      config: policy('disbursement.request'),
      schema: { tags, params: NetworkParams, body: RequestDisbursement, response: { 201: Disbursement, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await disbursements.requestDisbursement(ctx(req), req.params.slug, req.body)),
  );
  r.post(
    `${base}/disbursements/:disbursementId/decision`,
    {
      config: policy('disbursement.decide'),
      schema: { tags, params: DisbursementParams, body: DecideDisbursement, response: { 200: Disbursement, ...errors } },
    },
    (req) => disbursements.decideDisbursement(ctx(req), req.params.slug, req.params.disbursementId, req.body),
  );
  r.post(
    `${base}/disbursements/:disbursementId/pay`,
    {
      config: policy('disbursement.pay'),
      schema: { tags, params: DisbursementParams, body: PayDisbursement, response: { 200: Disbursement, ...errors } },
    },
    (req) => disbursements.payDisbursement(ctx(req), req.params.slug, req.params.disbursementId, req.body),
  );
  r.get(
    `${base}/export.csv`,
    { config: policy('ledger.export'), schema: { tags, params: NetworkParams, response: errors } },
    async (req, reply) => {
      const stream = await reports.exportLedger(ctx(req), req.params.slug);
      return reply
        .headers({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="ledger.csv"',
          'cache-control': 'no-store',
        })
        .send(stream as never);
    },
  );
  r.get(
    `${base}/summary`,
    { config: policy('ledger.summary'), schema: { tags, params: NetworkParams, response: { 200: FundsSummary, ...errors } } },
    (req) => reports.monthlySummary(ctx(req), req.params.slug),
  );
}
