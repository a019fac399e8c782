import { createHmac, randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../context.ts';
import { sendError } from './error-handler.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Rate-limit key: a keyed hash of the client address with a salt that lives only in
 * memory and changes every day. The address itself is never stored or logged, and
 * yesterday's keys cannot be linked to today's.
 */
export function createSourceKeyer(now: () => Date = () => new Date()) {
  let day = '';
  let salt = randomBytes(32);
  return (request: FastifyRequest): string => {
    const today = now().toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      salt = randomBytes(32);
    }
    // The one place the client address is touched: hashed at once, in memory only.
    return createHmac('sha256', salt).update(request.ip).digest('base64url').slice(0, 22);
  };
}

/** Secure headers, CSP, origin checks for state changes, and rate limits. */
export async function installSecurity(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // Only over HTTPS: on a plain-HTTP local install it would break every subresource.
        upgradeInsecureRequests: deps.config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: deps.config.publicUrl.startsWith('https://'),
  });

  // SameSite=Strict already stops cross-site cookies; this refuses cross-origin
  // state changes outright, as a second lock.
  const allowedOrigin = new URL(deps.config.publicUrl).origin;
  app.addHook('onRequest', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (!origin || origin === 'null') return;
    const sameHost = `${request.protocol}://${request.headers.host}`;
    if (origin !== allowedOrigin && origin !== sameHost) return sendError(request, reply, 403, 'origin_mismatch');
  });

  await app.register(rateLimit, {
    global: true,
    max: 600,
    timeWindow: '1 minute',
    keyGenerator: createSourceKeyer(() => deps.clock.now()),
    errorResponseBuilder: () => ({ statusCode: 429, code: 'RATE_LIMITED', message: 'rate limited' }),
  });
}
