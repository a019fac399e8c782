import type { Actor, Deps } from '../../platform/context.ts';
import { invalidateCaches } from '../../platform/events/cache-invalidation.ts';
import type { SessionResolver } from '../../platform/http/request-context.ts';
import { checkSessionGate, type GatedActor } from './session-gate.ts';
import { sessionCacheOf } from './session-cache.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './sessions.repository.ts';

/** Sessions slide: each use extends them, and two weeks unused ends them. */
export const SESSION_IDLE_MS = 14 * 24 * 3600 * 1000;
// Writing last_seen on every request would turn reads into writes; once a minute is enough.
const TOUCH_EVERY_MS = 60 * 1000;

/** Start a session for an account; returns the token for the cookie (only its hash is stored). */
export async function startSession(deps: Deps, accountId: string, label: string, authMethod: repo.AuthMethod): Promise<string> {
  const token = newToken();
  const now = deps.clock.now();
  await repo.insertSession(deps.database.db, {
    id: newId(),
    tokenHash: hashToken(token),
    accountId,
    label,
    authMethod,
    now,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
  });
  return token;
}

/** Resolve a session token to the signed-in person, or null when missing or expired. */
export async function resolveSession(deps: Deps, token: string | undefined): Promise<GatedActor | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const cache = sessionCacheOf(deps);
  let s = cache.get(tokenHash);
  if (!s) {
    const version = cache.version();
    s = await repo.findSessionByTokenHash(deps.database.db, tokenHash);
    if (!s) return null;
    cache.set(tokenHash, s, version);
  }
  const now = deps.clock.now();
  if (s.expiresAt <= now.toISOString()) {
    cache.delete(tokenHash);
    return null;
  }
  if (now.getTime() - new Date(s.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
    const version = cache.version();
    await repo.touchSession(deps.database.db, s.id, now, expiresAt);
    s = { ...s, lastSeenAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
    cache.set(tokenHash, s, version);
  }
  return {
    accountId: s.accountId,
    sessionId: s.id,
    isDeploymentAdmin: s.isDeploymentAdmin,
    language: s.language,
    hasPasskey: s.hasPasskey,
    signedInWithPasskey: s.signedInWithPasskey,
  };
}

/**
 * The request pipeline's session step (platform/http/request-context.ts): who is signed
 * in, and whether this session may make this request at all.
 */
export const authenticateRequest: SessionResolver = async (deps, token, route) => {
  const actor = await resolveSession(deps, token);
  if (!actor) return { actor: null };
  try {
    await checkSessionGate(deps, actor, route);
    return { actor };
  } catch (refusal) {
    return { actor, refusal: refusal as Error };
  }
};

/** A change to an account's sessions, profile or passkeys: every process forgets its cached sessions. */
export function forgetSessionsOf(deps: Deps, accountId: string): Promise<void> {
  return invalidateCaches(deps, { scope: 'account', accountId });
}

/** End a session by its token. */
export async function endSession(deps: Deps, actor: Actor): Promise<void> {
  await repo.deleteSession(deps.database.db, actor.accountId, actor.sessionId);
  await forgetSessionsOf(deps, actor.accountId);
}
