import { appendAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/context.ts';
import { allNetworks } from '../networks/index.ts';
import * as repo from './care.repository.ts';

/**
 * Keep addresses no longer than the trip needs: the network's `careAddressDays` (default 30)
 * after a task closed, or after a request was declined or merged, its address, point and
 * contact are emptied. Runs with every module's purge on a schedule and from `switchboard purge`.
 */
export async function purgeCareAddresses(deps: Deps): Promise<{ careAddressesPurged: number }> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  let total = 0;
  for (const network of await allNetworks(db)) {
    const cutoff = new Date(now.getTime() - network.settings.retention.careAddressDays * 86_400_000).toISOString();
    await db.transaction().execute(async (trx) => {
      const purged = await repo.purgeAddressesBefore(trx, network.id, cutoff);
      if (purged > 0)
        await appendAudit(trx, dialect, now, {
          networkId: network.id,
          actorId: null,
          action: 'retention.purge',
          targetType: 'network',
          targetId: network.id,
          detail: { careAddressesPurged: purged },
        });
      total += purged;
    });
  }
  return { careAddressesPurged: total };
}
