import type { Actor, Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hook } from '../../platform/wiring.ts';

// Routes are named "METHOD /pattern" as Fastify registered them, so query strings,
// trailing slashes or encoded paths cannot slip past the lists.

/** Signing in and out, and asking whether the server is sealed: open to any session. */
const ALWAYS_OPEN = [
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'POST /api/v1/auth/passkeys/sign-in/options',
  'POST /api/v1/auth/passkeys/sign-in/verify',
  'GET /api/v1/system/seal',
];

/** While sealed, a deployment admin may do only what unsealing needs. */
const ADMIN_WHILE_SEALED = new Set([...ALWAYS_OPEN, 'GET /api/v1/me', 'POST /api/v1/system/unseal']);
const OTHERS_WHILE_SEALED = new Set(ALWAYS_OPEN);

/**
 * A person whose role requires a passkey but who has none may only register one
 * and look after their own account; unsealing stays open so a required admin
 * without a passkey can never lock the server sealed.
 */
const PASSKEY_SETUP = new Set([
  ...ALWAYS_OPEN,
  'GET /api/v1/me',
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
  'GET /api/v1/me/sessions',
  'DELETE /api/v1/me/sessions/:id',
  'GET /api/v1/me/passkeys',
  'POST /api/v1/me/passkeys/options',
  'POST /api/v1/me/passkeys/verify',
  'POST /api/v1/system/unseal',
]);

/** A resolved session with what the gate needs to know about it. */
export interface GatedActor extends Actor {
  /** Whether the account has at least one passkey registered. */
  hasPasskey: boolean;
  /** Whether this session was opened with a passkey (not a password). */
  signedInWithPasskey: boolean;
}

/**
 * Refuse a signed-in request the session may not make: anything but unsealing
 * while the server is sealed (`sealed`); for a person required to use a passkey,
 * anything but looking after their own account from a session not opened with
 * one (`passkey_required`): they have none yet and must register one, or they
 * signed in with their password before the rule was switched on and must sign
 * in again with their passkey. Runs for every API request, so no route can
 * forget it. `route` is "METHOD /pattern".
 */
export async function checkSessionGate(deps: Deps, actor: GatedActor, route: string): Promise<void> {
  if (deps.keyring.sealed) {
    const allowed = actor.isDeploymentAdmin ? ADMIN_WHILE_SEALED : OTHERS_WHILE_SEALED;
    if (!allowed.has(route)) throw new AppError('sealed', 503);
  }
  // Sessions opened with a passkey and the setup routes skip the per-person question
  // (networks answers it, from its cache on most requests).
  if ((actor.hasPasskey && actor.signedInWithPasskey) || PASSKEY_SETUP.has(route)) return;
  if (await hook(deps, 'identity.passkeyRequired')(deps, actor.accountId)) throw new AppError('passkey_required', 403);
}
