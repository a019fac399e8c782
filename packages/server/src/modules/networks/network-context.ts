import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { NetworkAccess } from '../../platform/access/access.ts';
import { authorize, type PolicyRule } from '../../platform/access/policy.ts';
import { runWithAfterCommit } from '../../platform/after-commit.ts';
import { appendAudit, type AuditInput } from '../../platform/audit/audit.ts';
import type { Actor, Deps, RequestContext } from '../../platform/context.ts';
import { notFound, unauthenticated } from '../../platform/errors.ts';
import { accessCacheOf, accessKey } from './access-cache.ts';
import { loadNetworkAccess } from './access.repository.ts';
import * as repo from './networks.repository.ts';

/** A network resolved for one caller, with their access loaded and checked. */
export interface InNetwork {
  actor: Actor;
  network: repo.NetworkRow;
  access: NetworkAccess;
}

/**
 * Resolve the network by slug, load the caller's access and authorize the action,
 * all before any of the network's records are read (house rule 3).
 */
export async function enterNetwork(
  ctx: RequestContext,
  slug: string,
  rule: PolicyRule,
  organizationId?: string,
): Promise<InNetwork> {
  if (!ctx.actor) throw unauthenticated();
  const network = await networkBySlug(ctx.deps, slug);
  if (!network) throw notFound();
  const access = await accessOf(ctx.deps, ctx.actor.accountId, network.id);
  authorize(access, rule, organizationId);
  return { actor: ctx.actor, network, access };
}

/** A network by slug, from the access cache when it holds it. */
export async function networkBySlug(deps: Deps, slug: string): Promise<repo.NetworkRow | undefined> {
  const cache = accessCacheOf(deps);
  const hit = cache.networks.get(slug);
  if (hit) return hit;
  const version = cache.version();
  const network = await repo.findNetworkBySlug(deps.database.db, slug);
  return network && cache.remember(cache.networks, slug, network, version);
}

/** An account's standing in a network, from the access cache when it holds it. */
export async function accessOf(deps: Deps, accountId: string, networkId: string): Promise<NetworkAccess> {
  const cache = accessCacheOf(deps);
  const key = accessKey(accountId, networkId);
  const hit = cache.access.get(key);
  if (hit) return hit;
  const version = cache.version();
  return cache.remember(cache.access, key, await loadNetworkAccess(deps.database.db, accountId, networkId), version);
}

/** Run work and its audit entries in one transaction. */
export async function inTransaction<T>(
  ctx: RequestContext,
  work: (trx: Transaction<DB>, audit: (entry: AuditInput) => Promise<void>) => Promise<T>,
): Promise<T> {
  const { database, clock } = ctx.deps;
  return runWithAfterCommit(
    (w) => database.db.transaction().execute(w),
    (trx) => work(trx, (entry) => appendAudit(trx, database.dialect, clock.now(), entry)),
  );
}

/** Audit a read of sensitive records on its own (reads have no transaction of their own). */
export async function auditRead(ctx: RequestContext, entry: AuditInput, db: Kysely<DB> = ctx.deps.database.db): Promise<void> {
  const { database, clock } = ctx.deps;
  await db.transaction().execute((trx) => appendAudit(trx, database.dialect, clock.now(), entry));
}
