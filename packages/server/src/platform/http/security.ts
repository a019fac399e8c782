import { createHmac, randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Deps } from '../context.ts';
import { sendError } from './error-handler.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Paths with work behind them: everything else is the web app's own files (and its page shell). */
const LIMITED_PREFIXES = ['/api/', '/hooks/', '/r/', '/map/', '/help/'];

/**
 * The web app's own files are not counted against a source's request limit: they cost a
 * file read (and are cached), and a training room of forty phones behind one address
 * opening the app at once must not lock each other out of the API.
 */
function isStaticFile(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !LIMITED_PREFIXES.some((p) => request.url.startsWith(p));
}
const DAY_MS = 24 * 3600 * 1000;

/**
 * Rate-limit key: a keyed hash of the client address with a salt that lives only in
 * memory and changes every day. The address itself is never stored or logged, and
 * yesterday's keys cannot be linked to today's.
 */
export function createSourceKeyer(now: () => Date = () => new Date()) {
  let dayStart = Number.NEGATIVE_INFINITY;
  let dayEnd = Number.NEGATIVE_INFINITY;
  let salt = randomBytes(32);
  return (request: FastifyRequest): string => {
    // A number comparison per request; the day is only worked out when it may have changed.
    const t = now().getTime();
    if (t >= dayEnd || t < dayStart) {
      dayStart = t - (t % DAY_MS);
      dayEnd = dayStart + DAY_MS;
      salt = randomBytes(32);
    }
    // The one place the client address is touched: hashed at once, in memory only.
    return createHmac('sha256', salt).update(request.ip).digest('base64url').slice(0, 22);
  };
}

/** helmet's options: CSP and the rest of the secure headers. */
function helmetOptions(deps: Deps) {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // helmet's default lets fonts come from any https: origin; we ship none from elsewhere.
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // Only over HTTPS: on a plain-HTTP local install it would break every subresource.
        upgradeInsecureRequests: deps.config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' as const },
    hsts: deps.config.publicUrl.startsWith('https://'),
  };
}

/**
 * The headers helmet sets with our options, worked out once. @fastify/helmet builds
 * helmet's middleware anew on every request, re-validating and re-serialising the whole
 * CSP: that was the largest single cost of a small request. Our headers never vary by
 * request (no nonces, no per-route options), so the same plugin runs once with the same
 * options on a throwaway instance and every request gets exactly what it set.
 */
export async function helmetHeaders(options: ReturnType<typeof helmetOptions>): Promise<[string, string][]> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  let headers: [string, string][] | undefined;
  probe.get('/', (_request, reply) => {
    // Only helmet has touched the response yet: Fastify adds its own headers when sending.
    // getRawHeaderNames (Node ≥ 15.13, missing from our @types/node) keeps helmet's spelling.
    const raw = reply.raw as typeof reply.raw & { getRawHeaderNames(): string[] };
    headers = raw.getRawHeaderNames().map((name): [string, string] => [name, String(raw.getHeader(name))]);
    return '';
  });
  await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  if (!headers || headers.length === 0) throw new Error('helmet set no headers');
  return headers;
}

/** Secure headers, CSP, origin checks for state changes, and rate limits. */
export async function installSecurity(app: FastifyInstance, deps: Deps): Promise<void> {
  const secureHeaders = await helmetHeaders(helmetOptions(deps));
  // On the raw response, as helmet does, so hijacked replies (live streams) carry them too.
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of secureHeaders) raw.setHeader(name, value);
    done();
  });

  // SameSite=Strict already stops cross-site cookies; this refuses cross-origin
  // state changes outright, as a second lock.
  const allowedOrigin = new URL(deps.config.publicUrl).origin;
  // Callback style (no promise per request); answering without calling done() ends the request here.
  app.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (!origin || origin === 'null' || !UNSAFE_METHODS.has(request.method)) return done();
    if (origin === allowedOrigin || origin === `${request.protocol}://${request.headers.host}`) return done();
    sendError(request, reply, 403, 'origin_mismatch');
  });

  await app.register(rateLimit, {
    global: true,
    max: deps.config.requestLimitPerMinute,
    allowList: isStaticFile,
    timeWindow: '1 minute',
    keyGenerator: createSourceKeyer(() => deps.clock.now()),
    errorResponseBuilder: () => ({ statusCode: 429, code: 'RATE_LIMITED', message: 'rate limited' }),
  });
}
