import { LRUCache } from 'lru-cache';
import type { NetworkAccess } from '../../platform/access/access.ts';
import type { Deps } from '../../platform/context.ts';
import { onCacheInvalidation } from '../../platform/events/cache-invalidation.ts';
import type { NetworkRow } from './networks.repository.ts';

/**
 * How long a network, a person's standing in it, or their passkey requirement is trusted
 * without asking the database. Every change to them (settings, admission, roles, vouching,
 * removal, admin grants) invalidates at once, here and in every other app process through
 * the event bus; the limit only bounds the cost of a change made outside the server.
 */
export const ACCESS_CACHE_MS = 30_000;

/** Networks by slug, access by account and network, and the passkey rule by account. */
export class AccessCache {
  readonly networks = new LRUCache<string, NetworkRow>({ max: 1_000, ttl: ACCESS_CACHE_MS });
  readonly access = new LRUCache<string, NetworkAccess>({ max: 50_000, ttl: ACCESS_CACHE_MS });
  readonly passkeyRequired = new LRUCache<string, boolean>({ max: 50_000, ttl: ACCESS_CACHE_MS });
  private readonly stop: () => void;
  /** Counts invalidations, so a read that began before one is never cached after it. */
  private generation = 0;

  constructor(deps: Pick<Deps, 'events'>) {
    this.stop = onCacheInvalidation(deps, (what) => {
      this.generation++;
      if (what.scope === 'account') {
        for (const key of this.access.keys()) if (key.startsWith(`${what.accountId}|`)) this.access.delete(key);
        this.passkeyRequired.delete(what.accountId);
      } else if (what.scope === 'network') {
        for (const [slug, n] of this.networks.entries()) if (n.id === what.networkId) this.networks.delete(slug);
        for (const key of this.access.keys()) if (key.endsWith(`|${what.networkId}`)) this.access.delete(key);
        // Settings and admissions change who the passkey rule binds, in ways not worth tracing.
        this.passkeyRequired.clear();
      } else this.clear();
    });
  }

  /** Take before reading the database; pass to `remember`. */
  version(): number {
    return this.generation;
  }

  /** Store a value read at `version`, unless an invalidation came in since. */
  remember<V extends {}>(cache: LRUCache<string, V>, key: string, value: V, version: number): V {
    if (version === this.generation) cache.set(key, value);
    return value;
  }

  /** Forget everything. */
  clear(): void {
    this.networks.clear();
    this.access.clear();
    this.passkeyRequired.clear();
  }

  /** Stop listening for invalidations. */
  close(): void {
    this.stop();
    this.clear();
  }
}

// One cache per event bus (one per app instance: tests run many in one process).
const caches = new WeakMap<Deps['events'], AccessCache>();

/** The access cache of these deps. */
export function accessCacheOf(deps: Pick<Deps, 'events'>): AccessCache {
  let cache = caches.get(deps.events);
  if (!cache) {
    cache = new AccessCache(deps);
    caches.set(deps.events, cache);
  }
  return cache;
}

/** Key of one account's access to one network. */
export const accessKey = (accountId: string, networkId: string) => `${accountId}|${networkId}`;
