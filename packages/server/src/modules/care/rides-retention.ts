import { appendAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/context.ts';
import { allNetworks } from '../networks/index.ts';
import * as repo from './rides.repository.ts';

/**
 * Keep a ride's addresses no longer than the trip needs: the network's `careAddressDays`
 * (default 30) after its trip closed (or ended unclosed), a one-off ride's pickup, drop-off and
 * contact are emptied. Recurring check-ins keep theirs while the rule runs (see the report).
 */
export async function purgeRideAddresses(deps: Deps): Promise<{ careRideAddressesPurged: number }> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  let total = 0;
  for (const network of await allNetworks(db)) {
    const cutoff = new Date(now.getTime() - network.settings.retention.careAddressDays * 86_400_000).toISOString();
    await db.transaction().execute(async (trx) => {
      const purged = await repo.purgeRideAddressesBefore(trx, network.id, cutoff);
      if (purged > 0)
        await appendAudit(trx, dialect, now, {
          networkId: network.id,
          actorId: null,
          action: 'retention.purge',
          targetType: 'network',
          targetId: network.id,
          detail: { careRideAddressesPurged: purged },
        });
      total += purged;
    });
  }
  return { careRideAddressesPurged: total };
}
