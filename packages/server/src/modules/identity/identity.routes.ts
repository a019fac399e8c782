import {
  ChangePasswordRequest,
  ErrorResponse,
  IdParams,
  Me,
  Ok,
  PasskeyList,
  PasskeyOptionsResponse,
  PasskeyRegisterOptionsRequest,
  PasskeySignInOptionsRequest,
  PasskeyVerifyRequest,
  SessionList,
  SignInRequest,
  UpdateProfileRequest,
} from '@switchboard/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/context.ts';
import { clearSessionCookie, contextOf, setSessionCookie } from '../../platform/http/request-context.ts';
import { endSession } from './sessions.ts';
import * as identity from './identity.service.ts';
import * as passkeys from './passkeys.service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};
const tags = ['identity'];

/** Sign-in, sessions, profile and passkeys. */
export async function identityRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Guessing passwords is the attack here: a tight limit per source on sign-in.
  const signInLimit = { rateLimit: { max: deps.config.signInLimitPerMinute, timeWindow: '1 minute' } };

  r.post(
    '/api/v1/auth/sign-in',
    { config: signInLimit, schema: { tags, body: SignInRequest, response: { 200: Me, ...errors } } },
    async (req, reply) => {
      const { me, token } = await identity.signIn(contextOf(req, deps), req.body);
      setSessionCookie(reply, deps, token);
      return me;
    },
  );

  r.post('/api/v1/auth/sign-out', { schema: { tags, response: { 200: Ok, ...errors } } }, async (req, reply) => {
    const ctx = contextOf(req, deps);
    await endSession(deps, identity.requireActor(ctx));
    clearSessionCookie(reply, deps);
    return { ok: true as const };
  });

  r.post(
    '/api/v1/auth/passkeys/sign-in/options',
    {
      config: signInLimit,
      schema: { tags, body: PasskeySignInOptionsRequest, response: { 200: PasskeyOptionsResponse, ...errors } },
    },
    (req) => passkeys.passkeySignInOptions(contextOf(req, deps), req.body),
  );

  r.post(
    '/api/v1/auth/passkeys/sign-in/verify',
    { config: signInLimit, schema: { tags, body: PasskeyVerifyRequest, response: { 200: Me, ...errors } } },
    async (req, reply) => {
      const { me, token } = await passkeys.verifyPasskeySignIn(contextOf(req, deps), req.body);
      setSessionCookie(reply, deps, token);
      return me;
    },
  );

  r.get('/api/v1/me', { schema: { tags, response: { 200: Me, ...errors } } }, (req) => identity.getMe(contextOf(req, deps)));

  r.patch('/api/v1/me', { schema: { tags, body: UpdateProfileRequest, response: { 200: Me, ...errors } } }, (req) =>
    identity.updateProfile(contextOf(req, deps), req.body),
  );

  r.post(
    '/api/v1/me/password',
    { config: signInLimit, schema: { tags, body: ChangePasswordRequest, response: { 200: Ok, ...errors } } },
    async (req) => {
      await identity.changePassword(contextOf(req, deps), req.body);
      return { ok: true as const };
    },
  );

  r.get('/api/v1/me/sessions', { schema: { tags, response: { 200: SessionList, ...errors } } }, (req) =>
    identity.listMySessions(contextOf(req, deps)),
  );

  r.delete('/api/v1/me/sessions/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors } } }, async (req) => {
    await identity.revokeSession(contextOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  r.get('/api/v1/me/passkeys', { schema: { tags, response: { 200: PasskeyList, ...errors } } }, (req) =>
    passkeys.listMyPasskeys(contextOf(req, deps)),
  );

  r.post(
    '/api/v1/me/passkeys/options',
    { schema: { tags, body: PasskeyRegisterOptionsRequest, response: { 200: PasskeyOptionsResponse, ...errors } } },
    (req) => passkeys.passkeyRegistrationOptions(contextOf(req, deps), req.body),
  );

  r.post(
    '/api/v1/me/passkeys/verify',
    { schema: { tags, body: PasskeyVerifyRequest, response: { 200: Ok, ...errors } } },
    async (req) => {
      await passkeys.verifyPasskeyRegistration(contextOf(req, deps), req.body);
      return { ok: true as const };
    },
  );

  r.delete('/api/v1/me/passkeys/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors } } }, async (req) => {
    await passkeys.deleteMyPasskey(contextOf(req, deps), req.params.id);
    return { ok: true as const };
  });
}
