import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { DEFAULT_LANGUAGE, pickLanguage } from '@switchboard/shared';
import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { MODULES } from './modules.ts';
import { authenticateRequest } from './modules/identity/index.ts';
import type { Deps } from './platform/context.ts';
import { installErrorHandler, sendError } from './platform/http/error-handler.ts';
import { installIdempotency } from './platform/http/idempotency.ts';
import { installRequestContext } from './platform/http/request-context.ts';
import { installSecurity } from './platform/http/security.ts';
import { pageWithNoscriptFor } from './web-noscript.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, for the generated authorization and fuzz tests. */
    routeCatalog: RouteOptions[];
  }
}

/** Options for building the app. */
export interface AppOptions {
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | Record<string, unknown>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Build the Fastify app around injected dependencies. It never listens: main.ts does, tests inject. */
export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            // Default serializers log the client address; ours keep method and route only.
            serializers: {
              req: (req) => ({ method: req.method, route: req.routeOptions?.url }),
              res: (res) => ({ status: res.statusCode }),
            },
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    // Fastify's own request lines include the client address; ours (onResponse below) do not.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    trustProxy: deps.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    // Live streams never end on their own: closing must cut them, or shutdown waits forever.
    forceCloseConnections: true,
    // Malformed or oversized paths fail in the router, before any hook: answer in our envelope too.
    frameworkErrors: (_error, request, reply) => {
      request.language = pickLanguage(request.headers['accept-language']) ?? DEFAULT_LANGUAGE;
      return sendError(request, reply, 400, 'bad_request');
    },
  });
  app.decorate('routeCatalog', [] as RouteOptions[]);
  app.addHook('onRoute', (route) => {
    app.routeCatalog.push(route);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // One line per request: id, route, status, time. Never the address or the query string.
  // Callback style: no promise per request on the hot path.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { route: request.routeOptions?.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    done();
  });

  installErrorHandler(app);
  await app.register(cookie);
  await app.register(formbody);
  await installSecurity(app, deps);
  installRequestContext(app, deps, authenticateRequest);
  installIdempotency(app, deps);

  await app.register(swagger, {
    openapi: { openapi: '3.0.3', info: { title: 'Switchboard API', version: '1' } },
    transform: jsonSchemaTransform,
  });

  await app.register(async (scope) => {
    for (const m of MODULES) await m.routes?.(scope, deps);
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await serveWebApp(app, deps);
  return app;
}

/**
 * Hashed build assets never change under their name: cache them for a year. Everything else
 * (index.html, the service worker, the manifest) is checked every time, so a deploy shows at once.
 */
export function webCacheControl(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Serve the built web app with an index.html fallback for client-side routes; JSON 404 for the API. */
async function serveWebApp(app: FastifyInstance, deps: Deps): Promise<void> {
  const dist = deps.config.webDist ? resolve(deps.config.webDist) : join(here, '../../web/dist');
  const hasWeb = existsSync(join(dist, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: 'index.html',
      // The build writes .br and .gz beside each asset (web/scripts/precompress.mjs).
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => res.setHeader('cache-control', webCacheControl(path)),
    });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api/') && !path.includes('.')) {
      // Read per request (small, and a rebuilt web app shows at once); only public pages differ.
      const fitted = pageWithNoscriptFor(path, request.query, request.headers['accept-language'], () =>
        readFileSync(join(dist, 'index.html'), 'utf8'),
      );
      if (fitted) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(fitted);
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(request, reply, 404, 'not_found');
  });
}
