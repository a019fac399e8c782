import type { Deps } from '../context.ts';

/**
 * What a cached view of sessions or access must forget. Published on the event bus, so
 * the process that made the change forgets at once (local delivery is synchronous) and
 * every other app process on the same PostgreSQL within a NOTIFY round trip.
 */
export type CacheInvalidation =
  | { scope: 'account'; accountId: string }
  | { scope: 'network'; networkId: string }
  /** A network's gazetteer changed (places imported or edited). */
  | { scope: 'places'; networkId: string }
  | { scope: 'everything' };

/** The bus key invalidations travel on: never a network id, so no live stream receives them. */
const CHANNEL = '~cache';

/** Tell every process to forget what it cached about an account, a network, or everything. */
export async function invalidateCaches(deps: Pick<Deps, 'events'>, what: CacheInvalidation): Promise<void> {
  await deps.events.publish({ type: 'cache.invalidate', networkId: CHANNEL, data: what });
}

/** The bus event that makes this process's caches forget everything (for a bus that may have missed some). */
export function everythingInvalidation() {
  return { type: 'cache.invalidate' as const, networkId: CHANNEL, data: { scope: 'everything' as const } };
}

/** Listen for invalidations (from this process and others); returns a function that stops listening. */
export function onCacheInvalidation(deps: Pick<Deps, 'events'>, listener: (what: CacheInvalidation) => void): () => void {
  return deps.events.subscribe(CHANNEL, (event) => listener(event.data as unknown as CacheInvalidation));
}
