import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';

/** HTTP routes of the shifts module. */
export async function shiftsRoutes(_app: FastifyInstance, _deps: Deps): Promise<void> {}
