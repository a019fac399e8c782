import type { Deps } from '../../platform/context.ts';
import { findAccountsByIds, noticeRecipientsOfMany } from '../identity/index.ts';
import { adminsOfNetworks, coordinatorsOfOrganizations, findNetworksByIds } from '../networks/index.ts';
import { insertOutboxRows, type NewOutboxRow } from '../notify/index.ts';
import * as jobsRepo from './jobs.repository.ts';
import { shiftNoticeRows } from './shift-notices.ts';

const MAX_REMINDER_MS = 7 * 86_400_000;

// Both jobs run every minute over every network: each reads in a fixed number of batched
// queries and writes its notices in one transaction, however many rows are due.

/**
 * Reminders before a shift, per the series' offsets (e.g. 24 h and 1 h). A reminder is due
 * once its moment has passed and before the start; someone who signed up after that moment
 * does not get it. The outbox dedupe key makes repeated runs harmless.
 */
export async function sendReminders(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const candidates = await jobsRepo.reminderCandidates(
    db,
    now.toISOString(),
    new Date(now.getTime() + MAX_REMINDER_MS).toISOString(),
  );
  const due = candidates.flatMap((r) => {
    const starts = new Date(r.startsAt).getTime();
    const queuedAt = new Date(r.queuedAt).getTime();
    const offsets = r.reminderMinutes.filter((m) => starts - m * 60_000 <= now.getTime() && queuedAt <= starts - m * 60_000);
    // Only the nearest due reminder: a late run never sends a 24 h reminder next to the 1 h one.
    return offsets.length === 0 ? [] : [{ ...r, queuedAt, minutes: Math.min(...offsets) }];
  });
  if (due.length === 0) return 0;
  const networks = await findNetworksByIds(
    db,
    due.map((r) => r.networkId),
  );
  const recipients = await noticeRecipientsOfMany(
    deps,
    db,
    due.map((r) => r.accountId),
  );
  const rows: NewOutboxRow[] = [];
  for (const r of due) {
    const network = networks.get(r.networkId);
    const to = recipients.get(r.accountId);
    if (!network || !to) continue;
    rows.push(
      ...shiftNoticeRows(deps, r.networkId, to, `reminder:${r.signupId}:${r.queuedAt}:${r.minutes}`, {
        kind: 'reminder',
        timeZone: network.timeZone,
        title: r.title,
        site: r.siteName,
        startsAt: r.startsAt,
        path: `/n/${encodeURIComponent(network.slug)}/shifts/mine`,
      }),
    );
  }
  await db.transaction().execute((trx) => insertOutboxRows(trx, deps.keyring, rows));
  return rows.length;
}

/**
 * After a shift's grace period, tell the coordinators of the site's organization (or the
 * network admins when it has none) who has not checked in. Each occurrence is checked once.
 */
export async function reportNoShows(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const candidates = (
    await jobsRepo.noShowCandidates(db, new Date(now.getTime() - 86_400_000).toISOString(), now.toISOString())
  ).filter((o) => new Date(o.startsAt).getTime() + o.graceMinutes * 60_000 <= now.getTime());
  if (candidates.length === 0) return 0;
  const missing = await jobsRepo.missingCheckIns(
    db,
    candidates.map((o) => o.occurrenceId),
  );
  const reported = candidates.filter((o) => missing.has(o.occurrenceId));
  const names = await findAccountsByIds(
    db,
    deps.keyring,
    reported.flatMap((o) => missing.get(o.occurrenceId)!),
  );
  const coordinators = await coordinatorsOfOrganizations(
    db,
    reported.map((o) => o.organizationId),
  );
  // Network admins stand in only where a site's organization has no coordinator.
  const admins = await adminsOfNetworks(
    db,
    reported.filter((o) => !coordinators.has(o.organizationId)).map((o) => o.networkId),
  );
  const recipientsOf = (o: jobsRepo.NoShowCandidate) => coordinators.get(o.organizationId) ?? admins.get(o.networkId) ?? [];
  const networks = await findNetworksByIds(
    db,
    reported.map((o) => o.networkId),
  );
  const recipients = await noticeRecipientsOfMany(deps, db, [...new Set(reported.flatMap(recipientsOf))]);
  const rows: NewOutboxRow[] = [];
  for (const o of reported) {
    const network = networks.get(o.networkId);
    const absent = missing.get(o.occurrenceId)!.flatMap((id) => names.get(id)?.displayName ?? []);
    if (!network || absent.length === 0) continue;
    for (const accountId of recipientsOf(o)) {
      const to = recipients.get(accountId);
      if (!to) continue;
      rows.push(
        ...shiftNoticeRows(deps, o.networkId, to, `noshow:${o.occurrenceId}:${accountId}`, {
          kind: 'noShow',
          timeZone: network.timeZone,
          title: o.title,
          site: o.siteName,
          startsAt: o.startsAt,
          path: `/n/${encodeURIComponent(network.slug)}/shifts/coverage`,
          count: absent.length,
          names: absent.join(', '),
        }),
      );
    }
  }
  await db.transaction().execute(async (trx) => {
    await jobsRepo.markNoShowsChecked(
      trx,
      candidates.map((o) => o.occurrenceId),
    );
    await insertOutboxRows(trx, deps.keyring, rows);
  });
  return rows.length;
}
