import { DEFAULT_LANGUAGE, pickLanguage, toLanguage, type Language } from '@switchboard/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientLabel } from '../auth/client-label.ts';
import type { Actor, Deps, RequestContext } from '../context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null. */
    actor: Actor | null;
    /** The caller's language: profile, then Accept-Language, then English. */
    language: Language;
  }
}

/** Name of the session cookie (with the __Host- prefix over HTTPS, which pins it to this origin). */
export function sessionCookieName(deps: Deps): string {
  return deps.config.publicUrl.startsWith('https://') ? '__Host-sb_session' : 'sb_session';
}

/** Set the session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS. */
export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.setCookie(sessionCookieName(deps), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.publicUrl.startsWith('https://'),
    path: '/',
    maxAge: 14 * 24 * 3600,
  });
}

/** Clear the session cookie. */
export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(sessionCookieName(deps), { path: '/' });
}

/**
 * Turns a session token into the signed-in person (null for none or an expired one) and,
 * when the session may not make this request (sealed server, passkey still owed), the
 * error that refuses it. `route` is "METHOD /pattern" as Fastify registered it. The
 * identity module provides it; the refusal is answered in the person's own language.
 */
export type SessionResolver = (deps: Deps, token: string, route: string) => Promise<{ actor: Actor | null; refusal?: Error }>;

/** Resolve the session and language of every API request before its handler runs. */
export function installRequestContext(app: FastifyInstance, deps: Deps, resolveActor: SessionResolver): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('language', DEFAULT_LANGUAGE);
  const cookieName = sessionCookieName(deps);
  // Callback style: anonymous requests (most intake) finish without a promise or a query.
  app.addHook('onRequest', (request, _reply, done) => {
    request.language = pickLanguage(request.headers['accept-language']) ?? DEFAULT_LANGUAGE;
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/hooks/')) return done();
    const token = request.cookies[cookieName];
    if (!token) return done();
    resolveActor(deps, token, `${request.method} ${request.routeOptions.url ?? request.url}`).then(({ actor, refusal }) => {
      request.actor = actor;
      if (actor?.language) request.language = toLanguage(actor.language) ?? request.language;
      done(refusal);
    }, done);
  });
}

/** The service-layer view of a request. */
export function contextOf(request: FastifyRequest, deps: Deps): RequestContext {
  return { deps, actor: request.actor, language: request.language, clientLabel: clientLabel(request.headers['user-agent']) };
}
