import type { Deps } from '../../platform/context.ts';
import { toIso } from '../../db/rows.ts';
import { queueNotice } from './shift-notices.ts';
import * as repo from './shifts.repository.ts';

const MAX_REMINDER_MS = 7 * 86_400_000;

/**
 * Reminders before a shift, per the series' offsets (e.g. 24 h and 1 h). A reminder is due
 * once its moment has passed and before the start; someone who signed up after that moment
 * does not get it. The outbox dedupe key makes repeated runs harmless.
 */
export async function sendReminders(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const rows = await db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as o', 'o.id', 'su.occurrence_id')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .innerJoin('networks as n', 'n.id', 'o.network_id')
    .select([
      'su.id',
      'su.account_id',
      'su.queued_at',
      'o.network_id',
      'o.starts_at',
      'se.title',
      'se.reminder_minutes',
      's.name as site_name',
      'n.slug',
      'n.time_zone',
    ])
    .where('su.status', '=', 'confirmed')
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '>', now.toISOString())
    .where('o.starts_at', '<=', new Date(now.getTime() + MAX_REMINDER_MS).toISOString())
    .execute();
  let queued = 0;
  for (const r of rows) {
    const starts = new Date(r.starts_at).getTime();
    const queuedAt = new Date(r.queued_at).getTime();
    const offsets = (JSON.parse(r.reminder_minutes) as number[]).filter(
      (m) => starts - m * 60_000 <= now.getTime() && queuedAt <= starts - m * 60_000,
    );
    if (offsets.length === 0) continue;
    // Only the nearest due reminder: a late run never sends a 24 h reminder next to the 1 h one.
    const m = Math.min(...offsets);
    await db.transaction().execute(async (trx) => {
      queued += await queueNotice(trx, deps, r.network_id, r.account_id, `reminder:${r.id}:${queuedAt}:${m}`, {
        kind: 'reminder',
        timeZone: r.time_zone,
        title: r.title,
        site: r.site_name,
        startsAt: toIso(r.starts_at),
        path: `/n/${encodeURIComponent(r.slug)}/shifts/mine`,
      });
    });
  }
  return queued;
}

/**
 * After a shift's grace period, tell the coordinators of the site's organization (or the
 * network admins when it has none) who has not checked in. Each occurrence is checked once.
 */
export async function reportNoShows(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const candidates = await db
    .selectFrom('shift_occurrences as o')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .innerJoin('networks as n', 'n.id', 'o.network_id')
    .select([
      'o.id',
      'o.network_id',
      'o.starts_at',
      'se.title',
      'se.no_show_grace_minutes',
      's.name as site_name',
      's.organization_id',
      'n.slug',
      'n.time_zone',
    ])
    .where('o.no_show_checked', '=', 0)
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '<=', now.toISOString())
    .where('o.starts_at', '>', new Date(now.getTime() - 86_400_000).toISOString())
    .execute();
  let notified = 0;
  for (const o of candidates) {
    if (new Date(o.starts_at).getTime() + Number(o.no_show_grace_minutes) * 60_000 > now.getTime()) continue;
    await db.transaction().execute(async (trx) => {
      const missing = await trx
        .selectFrom('shift_signups as su')
        .innerJoin('accounts as a', 'a.id', 'su.account_id')
        .select('a.display_name')
        .where('su.occurrence_id', '=', o.id)
        .where('su.status', '=', 'confirmed')
        .where('su.checked_in_at', 'is', null)
        .execute();
      await repo.markNoShowChecked(trx, o.id);
      if (missing.length === 0) return;
      const coordinators = await trx
        .selectFrom('memberships')
        .select(['account_id', 'roles'])
        .where('organization_id', '=', o.organization_id)
        .where('status', '=', 'active')
        .execute();
      let to = coordinators.filter((c) => (JSON.parse(c.roles) as string[]).includes('org_coordinator')).map((c) => c.account_id);
      if (to.length === 0)
        to = (await trx.selectFrom('network_admins').select('account_id').where('network_id', '=', o.network_id).execute()).map(
          (a) => a.account_id,
        );
      for (const accountId of to) {
        notified += await queueNotice(trx, deps, o.network_id, accountId, `noshow:${o.id}:${accountId}`, {
          kind: 'noShow',
          timeZone: o.time_zone,
          title: o.title,
          site: o.site_name,
          startsAt: toIso(o.starts_at),
          path: `/n/${encodeURIComponent(o.slug)}/shifts/coverage`,
          count: missing.length,
          names: missing.map((m) => m.display_name).join(', '),
        });
      }
    });
  }
  return notified;
}
