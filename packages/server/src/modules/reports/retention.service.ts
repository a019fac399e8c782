import { appendAudit } from '../../platform/audit/audit.ts';
import type { Deps } from '../../platform/context.ts';
import { allNetworks } from '../networks/index.ts';
import { coarsen } from './geo.ts';
import * as repo from './reports.repository.ts';

/** What one purge run of rapid response removed or blurred. */
export interface PurgeResult {
  reportsDeleted: number;
  incidentsCoarsened: number;
}

/**
 * Keep little: delete raw reports (with their contact and photo) after the network's
 * period, and blur incident locations to ~1 km after theirs. Runs with every module's
 * purge on a schedule and from `switchboard purge`.
 */
export async function purgeExpired(deps: Deps): Promise<PurgeResult> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  const total: PurgeResult = { reportsDeleted: 0, incidentsCoarsened: 0 };
  for (const network of await allNetworks(db)) {
    const { rawReportsHours, incidentLocationDays } = network.settings.retention;
    const reportCutoff = new Date(now.getTime() - rawReportsHours * 3600_000).toISOString();
    const locationCutoff = new Date(now.getTime() - incidentLocationDays * 86_400_000).toISOString();
    await db.transaction().execute(async (trx) => {
      const reportsDeleted = await repo.deleteReportsBefore(trx, network.id, reportCutoff);
      // The blurred point is sealed like the exact one was; while sealed, only the coarse cell is kept.
      const stale = await repo.listIncidentsToCoarsen(trx, deps.keyring, network.id, locationCutoff);
      for (const i of stale) await repo.coarsenIncident(trx, deps.keyring, i.id, i.point && coarsen(i.point));
      if (reportsDeleted > 0 || stale.length > 0) {
        await appendAudit(trx, dialect, now, {
          networkId: network.id,
          actorId: null,
          action: 'retention.purge',
          targetType: 'network',
          targetId: network.id,
          detail: { reportsDeleted, incidentsCoarsened: stale.length },
        });
      }
      total.reportsDeleted += reportsDeleted;
      total.incidentsCoarsened += stale.length;
    });
  }
  return total;
}
