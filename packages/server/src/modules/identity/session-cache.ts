import { LRUCache } from 'lru-cache';
import type { Deps } from '../../platform/context.ts';
import { onCacheInvalidation } from '../../platform/events/cache-invalidation.ts';
import type { findSessionByTokenHash } from './sessions.repository.ts';

/** A session as its lookup returned it. */
export type CachedSession = NonNullable<Awaited<ReturnType<typeof findSessionByTokenHash>>>;

/**
 * How long a resolved session is trusted without asking the database again. Every change
 * that matters (sign-out, revocation, password change, profile language, passkeys, admin
 * grant) invalidates at once, in this process and, through the event bus, in the others;
 * the time limit only bounds what a change made outside the server (a CLI on SQLite) costs.
 */
export const SESSION_CACHE_MS = 30_000;

/** Recently resolved sessions by token hash: most signed-in requests then need no session query. */
export class SessionCache {
  private readonly sessions = new LRUCache<string, CachedSession>({ max: 20_000, ttl: SESSION_CACHE_MS });
  private readonly stop: () => void;
  /** Counts invalidations, so a read that began before one is never cached after it. */
  private generation = 0;

  constructor(deps: Pick<Deps, 'events'>) {
    this.stop = onCacheInvalidation(deps, (what) => {
      this.generation++;
      if (what.scope === 'account') this.forgetAccount(what.accountId);
      else if (what.scope === 'everything') this.sessions.clear();
    });
  }

  /** Take before reading the database; pass to `set`. */
  version(): number {
    return this.generation;
  }

  /** The cached session for a token hash. */
  get(tokenHash: string): CachedSession | undefined {
    return this.sessions.get(tokenHash);
  }

  /** Remember a session read from the database, unless an invalidation came in since `version` was taken. */
  set(tokenHash: string, session: CachedSession, version: number): void {
    if (version === this.generation) this.sessions.set(tokenHash, session);
  }

  /** Forget one token (expired, or its session is gone). */
  delete(tokenHash: string): void {
    this.sessions.delete(tokenHash);
  }

  /** Forget every session of an account. A linear scan: changes are rare, reads are not. */
  forgetAccount(accountId: string): void {
    for (const [hash, s] of this.sessions.entries()) if (s.accountId === accountId) this.sessions.delete(hash);
  }

  /** Stop listening for invalidations. */
  close(): void {
    this.stop();
    this.sessions.clear();
  }
}

// One cache per event bus (one per app instance: tests run many in one process).
const caches = new WeakMap<Deps['events'], SessionCache>();

/** The session cache of these deps. */
export function sessionCacheOf(deps: Pick<Deps, 'events'>): SessionCache {
  let cache = caches.get(deps.events);
  if (!cache) {
    cache = new SessionCache(deps);
    caches.set(deps.events, cache);
  }
  return cache;
}
