import { listAuditEntries } from '../../platform/audit/audit.ts';
import { auditKeepDays, purgeAuditLog } from '../../platform/audit/audit-retention.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { allNetworks } from './account-standing.ts';
import { enterNetwork } from './network-context.ts';
import { NETWORKS_POLICY as P } from './networks.policy.ts';

/** The newest audit entries of a network (admin). */
export async function listAudit(ctx: RequestContext, slug: string, limit = 100) {
  const { network } = await enterNetwork(ctx, slug, P['audit.read']);
  return { entries: await listAuditEntries(ctx.deps.database.db, network.id, limit) };
}

/** Audit retention: drop entries older than the shortest period any network keeps (decision 0007). */
export async function purgeAudit(deps: Deps): Promise<{ auditDeleted: number }> {
  const { db, dialect } = deps.database;
  const days = auditKeepDays(await allNetworks(db));
  if (days === null) return { auditDeleted: 0 };
  return { auditDeleted: (await purgeAuditLog(db, dialect, deps.clock.now(), days)).deleted };
}
