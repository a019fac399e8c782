import { DemoOutboxList, ErrorResponse, NetworkParams } from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { contextOf } from '../../platform/http/request-context.ts';
import { readDemoOutbox } from './demo-outbox.service.ts';
import type { DemoOutboxAction } from './demo-outbox.policy.ts';

const policy = (action: DemoOutboxAction) => ({ policy: { module: 'demo-outbox', action } });

/** The demo's outbox page reads this; 404 on any server not started by demo-start. */
export async function demoOutboxRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/networks/:slug/demo-outbox',
    {
      config: policy('demo_outbox.read'),
      schema: {
        tags: ['demo'],
        params: NetworkParams,
        response: { 200: DemoOutboxList, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req) => readDemoOutbox(contextOf(req, deps), req.params.slug),
  );
}
