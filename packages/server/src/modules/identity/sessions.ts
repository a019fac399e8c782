import type { Actor, Deps } from '../../platform/context.ts';
import type { GatedActor } from './session-gate.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './identity.repository.ts';

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
  const s = await repo.findSessionByTokenHash(deps.database.db, hashToken(token));
  if (!s) return null;
  const now = deps.clock.now();
  if (s.expiresAt <= now.toISOString()) return null;
  if (now.getTime() - new Date(s.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await repo.touchSession(deps.database.db, s.id, now, new Date(now.getTime() + SESSION_IDLE_MS));
  }
  return {
    accountId: s.accountId,
    sessionId: s.id,
    isDeploymentAdmin: s.isDeploymentAdmin,
    language: s.language,
    hasPasskey: s.hasPasskey,
    signedInWithPasskey: s.signedInWithPasskey,
    passkeyRuleAnywhere: s.passkeyRuleAnywhere,
  };
}

/** End a session by its token. */
export async function endSession(deps: Deps, actor: Actor): Promise<void> {
  await repo.deleteSession(deps.database.db, actor.accountId, actor.sessionId);
}
