import { DEFAULT_LANGUAGE, pickLanguage, toLanguage, type Language } from '@switchboard/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkSessionGate, resolveSession } from '../../modules/identity/index.ts';
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

/** Resolve the session and language of every API request before its handler runs. */
export function installRequestContext(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('language', DEFAULT_LANGUAGE);
  const cookieName = sessionCookieName(deps);
  // Callback style: anonymous requests (most intake) finish without a promise or a query.
  app.addHook('onRequest', (request, _reply, done) => {
    request.language = pickLanguage(request.headers['accept-language']) ?? DEFAULT_LANGUAGE;
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/hooks/')) return done();
    const token = request.cookies[cookieName];
    if (!token) return done();
    resolveSession(deps, token)
      .then(async (actor) => {
        request.actor = actor;
        if (!actor) return;
        if (actor.language) request.language = toLanguage(actor.language) ?? request.language;
        // Sealed server, or a passkey still to register: the session may do only a few things.
        await checkSessionGate(deps, actor, `${request.method} ${request.routeOptions.url ?? request.url}`);
      })
      .then(() => done(), done);
  });
}

/** The service-layer view of a request. */
export function contextOf(request: FastifyRequest, deps: Deps): RequestContext {
  return { deps, actor: request.actor, language: request.language, clientLabel: clientLabel(request.headers['user-agent']) };
}
