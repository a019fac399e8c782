import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';

/** HTTP routes of the map module. */
export async function mapRoutes(_app: FastifyInstance, _deps: Deps): Promise<void> {}
