import { toIso } from '../../db/rows.ts';
import type { RequestContext } from '../../platform/context.ts';
import { enterNetwork } from './network-context.ts';
import { NETWORKS_POLICY as P } from './networks.policy.ts';

/** The newest audit entries of a network (admin). */
export async function listAudit(ctx: RequestContext, slug: string, limit = 100) {
  const { network } = await enterNetwork(ctx, slug, P['audit.read']);
  const rows = await ctx.deps.database.db
    .selectFrom('audit_log')
    .select(['seq', 'action', 'actor_id', 'target_type', 'target_id', 'created_at'])
    .where('network_id', '=', network.id)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return {
    entries: rows.map((r) => ({
      seq: Number(r.seq),
      action: r.action,
      actorId: r.actor_id,
      targetType: r.target_type,
      targetId: r.target_id,
      createdAt: toIso(r.created_at),
    })),
  };
}
