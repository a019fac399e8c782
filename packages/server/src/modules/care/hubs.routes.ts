import {
  CareReservationList,
  CareTaskParams,
  ErrorResponse,
  Hub,
  HubAddress,
  HubInput,
  HubItemParams,
  HubList,
  HubParams,
  Item,
  ItemInput,
  ItemList,
  NetworkParams,
  ReserveItems,
  ReturnReservations,
  StockImportRequest,
  StockImportResult,
  StockMovementInput,
  StockMovementList,
  StockThresholdInput,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import type { CareAction } from './care.policy.ts';
import * as hubs from './hubs.service.ts';
import * as packing from './packing.service.ts';
import * as csv from './stock-csv.service.ts';
import * as stock from './stock.service.ts';

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

/**
 * Supply hubs, items, stock (movements, thresholds, CSV) and packing for delivery tasks. A hub's
 * address is never in a list or export: only `GET …/hubs/:hubId/address` returns it.
 */
export async function registerHubRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/networks/:slug/care';
  const ctx = (req: Parameters<typeof contextOf>[0]) => contextOf(req, deps);

  r.get(
    `${base}/hubs`,
    { config: policy('hub.list'), schema: { tags, params: NetworkParams, response: { 200: HubList, ...errors } } },
    (req) => hubs.listHubs(ctx(req), req.params.slug),
  );
  r.post(
    `${base}/hubs`,
    { config: policy('hub.manage'), schema: { tags, params: NetworkParams, body: HubInput, response: { 201: Hub, ...errors } } },
    async (req, reply) => reply.status(201).send(await hubs.createHub(ctx(req), req.params.slug, req.body)),
  );
  r.get(
    `${base}/hubs/:hubId`,
    { config: policy('hub.list'), schema: { tags, params: HubParams, response: { 200: Hub, ...errors } } },
    (req) => hubs.getHub(ctx(req), req.params.slug, req.params.hubId),
  );
  r.put(
    `${base}/hubs/:hubId`,
    { config: policy('hub.manage'), schema: { tags, params: HubParams, body: HubInput, response: { 200: Hub, ...errors } } },
    (req) => hubs.updateHub(ctx(req), req.params.slug, req.params.hubId, req.body),
  );
  r.delete(
    `${base}/hubs/:hubId`,
    {
      config: policy('hub.manage'),
      schema: { tags, params: HubParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
    },
    (req) => hubs.archiveHub(ctx(req), req.params.slug, req.params.hubId),
  );
  r.get(
    `${base}/hubs/:hubId/address`,
    { config: policy('hub.address'), schema: { tags, params: HubParams, response: { 200: HubAddress, ...errors } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return hubs.readHubAddress(ctx(req), req.params.slug, req.params.hubId);
    },
  );

  r.get(
    `${base}/items`,
    { config: policy('hub.list'), schema: { tags, params: NetworkParams, response: { 200: ItemList, ...errors } } },
    (req) => hubs.listItems(ctx(req), req.params.slug),
  );
  r.post(
    `${base}/items`,
    {
      config: policy('item.manage'),
      schema: { tags, params: NetworkParams, body: ItemInput, response: { 201: Item, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await hubs.createItem(ctx(req), req.params.slug, req.body)),
  );

  r.post(
    `${base}/hubs/:hubId/movements`,
    {
      config: policy('stock.move'),
      schema: { tags, params: HubParams, body: StockMovementInput, response: { 200: Hub, ...errors } },
    },
    (req) => stock.recordMovement(ctx(req), req.params.slug, req.params.hubId, req.body),
  );
  r.get(
    `${base}/hubs/:hubId/movements`,
    { config: policy('stock.read'), schema: { tags, params: HubParams, response: { 200: StockMovementList, ...errors } } },
    (req) => stock.listMovements(ctx(req), req.params.slug, req.params.hubId),
  );
  r.put(
    `${base}/hubs/:hubId/stock/:itemId/threshold`,
    {
      config: policy('stock.move'),
      schema: { tags, params: HubItemParams, body: StockThresholdInput, response: { 200: Hub, ...errors } },
    },
    (req) => stock.setThreshold(ctx(req), req.params.slug, req.params.hubId, req.params.itemId, req.body.lowThreshold),
  );
  r.post(
    `${base}/hubs/:hubId/stock/import`,
    {
      config: policy('stock.move'),
      schema: { tags, params: HubParams, body: StockImportRequest, response: { 200: StockImportResult, ...errors } },
    },
    (req) => csv.importStock(ctx(req), req.params.slug, req.params.hubId, req.body.csv),
  );
  r.get(
    `${base}/hubs/:hubId/stock.csv`,
    { config: policy('stock.read'), schema: { tags, params: HubParams, response: errors } },
    async (req, reply) =>
      reply
        .headers({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="stock.csv"',
          'cache-control': 'no-store',
        })
        .send((await csv.exportStock(ctx(req), req.params.slug, req.params.hubId)) as never),
  );
  r.post(
    `${base}/hubs/:hubId/returns`,
    {
      config: policy('stock.move'),
      schema: { tags, params: HubParams, body: ReturnReservations, response: { 200: CareReservationList, ...errors } },
    },
    (req) => packing.returnReservations(ctx(req), req.params.slug, req.params.hubId, req.body.taskId),
  );

  r.post(
    `${base}/tasks/:taskId/reservations`,
    {
      config: policy('task.pack'),
      schema: { tags, params: CareTaskParams, body: ReserveItems, response: { 201: CareReservationList, ...errors } },
    },
    async (req, reply) =>
      reply.status(201).send(await packing.reserveItems(ctx(req), req.params.slug, req.params.taskId, req.body)),
  );
  r.get(
    `${base}/tasks/:taskId/reservations`,
    { config: policy('task.list'), schema: { tags, params: CareTaskParams, response: { 200: CareReservationList, ...errors } } },
    (req) => packing.listReservations(ctx(req), req.params.slug, req.params.taskId),
  );
}
