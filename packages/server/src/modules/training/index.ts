import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';

/** HTTP routes of the training module. */
export async function trainingRoutes(_app: FastifyInstance, _deps: Deps): Promise<void> {}
