import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadNetworkAccess, type NetworkAccess } from '../../platform/access/access.ts';
import { authorize, type PolicyRule } from '../../platform/access/policy.ts';
import { runWithAfterCommit } from '../../platform/after-commit.ts';
import { appendAudit, type AuditInput } from '../../platform/audit/audit.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { notFound, unauthenticated } from '../../platform/errors.ts';
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
  const db = ctx.deps.database.db;
  const network = await repo.findNetworkBySlug(db, slug);
  if (!network) throw notFound();
  const access = await loadNetworkAccess(db, ctx.actor.accountId, network.id);
  authorize(access, rule, organizationId);
  return { actor: ctx.actor, network, access };
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
