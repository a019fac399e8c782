import { DEFAULT_LANGUAGE, toLanguage, type CareRideOutboxPayload } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import type { PayloadHandler } from '../../platform/outbox-handler.ts';
import { noticeRecipientsOfMany } from '../identity/index.ts';
import { findNetworksByIds } from '../networks/index.ts';
import { insertOutboxRows, type NewOutboxRow, type OutboundMessage } from '../notify/index.ts';
import * as repo from './rides.repository.ts';

type Payload = z.infer<typeof CareRideOutboxPayload>;
type RideKind = keyof ReturnType<typeof stringsFor<'rides'>>['kinds'];

/** Minutes before a ride's start at which its driver and accompanier are reminded. */
export const RIDE_REMINDER_MINUTES = [24 * 60, 60] as const;

/**
 * Reminders 24 h and 1 h before each assigned ride, to its driver and its accompanier, through
 * the outbox (runs every minute). A reminder is due once its moment has passed and before the
 * start; only the nearest due one goes (a late run never sends the 24 h next to the 1 h), and
 * someone assigned after a moment does not get that one. The dedupe key (ride, person,
 * offset, channel) makes every later run a no-op. The text names the kind, time and coarse
 * area, never an address. Nothing while sealed (outbox rows are sealed).
 */
export async function sendRideReminders(deps: Deps): Promise<number> {
  if (deps.keyring.sealed) return 0;
  const db = deps.database.db;
  const now = deps.clock.now();
  const longest = Math.max(...RIDE_REMINDER_MINUTES) * 60_000;
  const rides = await repo.assignedStartingBetween(db, now.toISOString(), new Date(now.getTime() + longest).toISOString());
  const due = rides.flatMap((r) => {
    const starts = new Date(r.window_start).getTime();
    const assignedAt = r.assigned_at ? new Date(r.assigned_at).getTime() : 0;
    const offsets = RIDE_REMINDER_MINUTES.filter(
      (m) => starts - m * 60_000 <= now.getTime() && assignedAt <= starts - m * 60_000,
    );
    if (offsets.length === 0) return [];
    const minutes = Math.min(...offsets);
    return (
      [
        ['driver', r.driver_account_id],
        ['accompanier', r.accompanier_account_id],
      ] as const
    ).flatMap(([role, accountId]) => (accountId ? [{ ride: r, role, accountId, minutes }] : []));
  });
  if (due.length === 0) return 0;
  const networks = await findNetworksByIds(db, [...new Set(due.map((d) => d.ride.network_id))]);
  const recipients = await noticeRecipientsOfMany(deps, db, [...new Set(due.map((d) => d.accountId))]);
  const rows: NewOutboxRow[] = [];
  for (const d of due) {
    const network = networks.get(d.ride.network_id);
    const to = recipients.get(d.accountId);
    if (!network || !to) continue;
    const payload: Payload = {
      type: 'care_ride',
      kind: 'reminder',
      minutes: d.minutes,
      role: d.role,
      rideKind: d.ride.kind,
      language: to.language,
      timeZone: network.timeZone,
      startsAt: new Date(d.ride.window_start).toISOString(),
      area: d.ride.area_name,
      slug: network.slug,
    };
    for (const r of to.recipients)
      rows.push({
        id: newId(),
        networkId: network.id,
        channel: r.channel,
        recipientEnc: r.recipientEnc,
        payload,
        dedupeKey: `care-ride:reminder:${d.ride.id}:${d.accountId}:${d.minutes}:${r.channel}`,
        now: now.toISOString(),
      });
  }
  await db.transaction().execute((trx) => insertOutboxRows(trx, deps.keyring, rows));
  return rows.length;
}

/** A ride's start in the reader's language and the network's zone. */
export function formatRideTime(iso: string, language: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(toLanguage(language) ?? DEFAULT_LANGUAGE, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso));
  } catch {
    return new Date(iso).toISOString();
  }
}

/** Render a ride reminder in the recipient's language: kind, role, time and area; the address stays in the app. */
export function renderRideReminder(p: Payload, to: string, publicUrl: string): OutboundMessage {
  const s = stringsFor('rides', p.language);
  const link = `${publicUrl}/n/${encodeURIComponent(p.slug)}/care/rides`;
  const text = fill(s.notice.reminder, {
    role: s.roles[p.role],
    kind: s.kinds[p.rideKind as RideKind] ?? s.kinds.other,
    time: formatRideTime(p.startsAt, p.language, p.timeZone),
    area: p.area ?? s.feed.unknownArea,
    link,
  });
  const subject = s.notice.reminderSubject;
  return { to, subject, text, push: { title: subject, body: text, url: link } };
}

/** Outbox handler for ride reminders. */
export function ridePayloadHandler(deps: Deps): PayloadHandler {
  return {
    async render(_row, payload, recipient) {
      return renderRideReminder(payload as Payload, recipient, deps.config.publicUrl);
    },
  };
}
