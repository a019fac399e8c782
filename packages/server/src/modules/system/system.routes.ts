import { ErrorResponse, SealStatus, UnsealRequest } from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { health } from './health.service.ts';
import * as system from './system.service.ts';

const tags = ['system'];

/** Health, seal state and unsealing. */
export async function systemRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Reached only after migrations ran (main.ts migrates before listening). 503 while the
  // database cannot be reached, so a supervisor or load balancer sees the outage.
  r.get(
    '/healthz',
    {
      schema: {
        tags,
        response: {
          200: z.object({ status: z.enum(['ok', 'sealed']) }),
          503: z.object({ status: z.literal('database_unavailable') }),
        },
      },
    },
    async (_req, reply) => {
      const status = await health(deps);
      if (status === 'database_unavailable') return reply.status(503).send({ status });
      return { status };
    },
  );

  r.get('/api/v1/system/seal', { schema: { tags, response: { 200: SealStatus } } }, (req) =>
    system.sealStatus(contextOf(req, deps)),
  );

  r.post(
    '/api/v1/system/unseal',
    {
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        body: UnsealRequest,
        response: { 200: SealStatus, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    (req) => system.unseal(contextOf(req, deps), req.body),
  );
}
