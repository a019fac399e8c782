import { appendAudit } from '../../platform/audit/audit.ts';
import { auditKeepDays, purgeAuditLog } from '../../platform/audit/audit-retention.ts';
import type { Deps } from '../../platform/context.ts';
import { withNetworkSettings } from '../networks/index.ts';
import { coarsen } from './geo.ts';

/** What one purge run removed or blurred. */
export interface PurgeResult {
  reportsDeleted: number;
  incidentsCoarsened: number;
  outboxDeleted: number;
  /** Audit entries past the shortest audit retention among networks (decision 0007). */
  auditDeleted: number;
}

// Sent notifications hold a recipient; a day is enough to investigate a delivery problem.
const OUTBOX_KEEP_MS = 24 * 3600 * 1000;

/**
 * Keep little: delete raw reports (with their contact and photo) after the network's
 * period, blur incident locations to ~1 km after theirs, and drop delivered
 * notifications. Runs on a schedule and from `switchboard purge`.
 */
export async function purgeExpired(deps: Deps): Promise<PurgeResult> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  const total: PurgeResult = { reportsDeleted: 0, incidentsCoarsened: 0, outboxDeleted: 0, auditDeleted: 0 };
  const networks = await withNetworkSettings(db);
  for (const network of networks) {
    const { rawReportsHours, incidentLocationDays } = network.settings.retention;
    const reportCutoff = new Date(now.getTime() - rawReportsHours * 3600_000).toISOString();
    const locationCutoff = new Date(now.getTime() - incidentLocationDays * 86_400_000).toISOString();
    await db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('reports')
        .where('network_id', '=', network.id)
        .where('created_at', '<', reportCutoff)
        .executeTakeFirst();
      const stale = await trx
        .selectFrom('incidents')
        .select(['id', 'lat', 'lng'])
        .where('network_id', '=', network.id)
        .where('coarsened', '=', 0)
        .where('first_reported_at', '<', locationCutoff)
        .execute();
      for (const i of stale) {
        const blurred = i.lat != null && i.lng != null ? coarsen({ lat: Number(i.lat), lng: Number(i.lng) }) : null;
        await trx
          .updateTable('incidents')
          .set({ lat: blurred?.lat ?? null, lng: blurred?.lng ?? null, location_text: null, coarsened: 1 })
          .where('id', '=', i.id)
          .execute();
      }
      const reportsDeleted = Number(deleted.numDeletedRows);
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
  const outbox = await db
    .deleteFrom('outbox')
    .where('status', 'in', ['sent', 'dead'])
    .where('created_at', '<', new Date(now.getTime() - OUTBOX_KEEP_MS).toISOString())
    .executeTakeFirst();
  total.outboxDeleted = Number(outbox.numDeletedRows);
  const auditDays = auditKeepDays(networks);
  if (auditDays !== null) total.auditDeleted = (await purgeAuditLog(db, dialect, now, auditDays)).deleted;
  return total;
}
