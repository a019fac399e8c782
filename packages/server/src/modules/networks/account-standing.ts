import type { Deps } from '../../platform/context.ts';
import { accessCacheOf } from './access-cache.ts';
import * as repo from './networks.repository.ts';

/**
 * Whether the account must sign in with a passkey: it administers, or coordinates in, a
 * network that requires one. Identity asks on every request of a password session
 * (hook `identity.passkeyRequired`), so the answer is cached and forgotten with the
 * account's or any network's standing.
 */
export async function requiresPasskey(deps: Deps, accountId: string): Promise<boolean> {
  const cache = accessCacheOf(deps);
  const hit = cache.passkeyRequired.get(accountId);
  if (hit !== undefined) return hit;
  const version = cache.version();
  return cache.remember(cache.passkeyRequired, accountId, await computePasskeyRequired(deps, accountId), version);
}

async function computePasskeyRequired(deps: Deps, accountId: string): Promise<boolean> {
  const db = deps.database.db;
  // Most networks never switch the rule on: one look at the (small) networks table first.
  // The pattern cannot miss a network that has it on, wherever the key sits in the JSON.
  if (!(await repo.anyNetworkMayRequirePasskeys(db))) return false;
  const networks = await repo.networksOfAccount(db, accountId);
  return networks.some(
    (n) =>
      n.settings.requirePasskeyForCoordinators &&
      (n.isAdmin || n.memberships.some((m) => m.status === 'active' && m.roles.includes('org_coordinator'))),
  );
}

/** The Me document's networks section (settings left out), for hook `identity.networksOf`. */
export async function networksOf(deps: Deps, accountId: string) {
  return (await repo.networksOfAccount(deps.database.db, accountId)).map(({ settings: _s, ...n }) => n);
}

/** Every network with its settings (defaults filled), for scheduled jobs: one query. */
export async function allNetworks(db: Deps['database']['db']): Promise<repo.NetworkRow[]> {
  return repo.listNetworks(db);
}
