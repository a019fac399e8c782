import { DEFAULT_LANGUAGE, toLanguage } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import { noticeRecipientsOf, noticeRecipientsOfMany, type NoticeRecipients } from '../identity/index.ts';
import { insertOutboxRows, type NewOutboxRow, type OutboundMessage, type PayloadHandler } from '../notify/index.ts';

/** Kinds of shift notice, each with a subject and text in the `shifts` strings (`notice.<kind>`, `notice.<kind>Subject`). */
export type NoticeKind =
  | 'reminder'
  | 'promoted'
  | 'assigned'
  | 'swap'
  | 'help'
  | 'noShow'
  | 'skipped'
  | 'restored'
  | 'changed'
  | 'off'
  | 'on';

/** What a shift notice carries in the outbox: enough to render it in the recipient's language. */
export interface ShiftNoticePayload {
  type: 'shift';
  kind: NoticeKind;
  language: string;
  timeZone: string;
  title: string;
  site: string;
  startsAt: string;
  /** Path in the app the notice links to. */
  path: string;
  count?: number;
  names?: string;
}

/**
 * Queue a notice to one account on each channel it enabled (SMS, email), inside the
 * caller's transaction. `dedupe` makes a retry or a second job run a no-op.
 * Returns how many messages were queued.
 */
export async function queueNotice(
  trx: Transaction<DB>,
  deps: Deps,
  networkId: string,
  accountId: string,
  dedupe: string,
  payload: Omit<ShiftNoticePayload, 'type' | 'language'>,
): Promise<number> {
  const to = await noticeRecipientsOf(deps, trx, accountId);
  if (!to) return 0;
  const rows = shiftNoticeRows(deps, networkId, to, dedupe, payload);
  await insertOutboxRows(trx, deps.keyring, rows);
  return rows.length;
}

/** One notice to one person, for queueNotices. */
export interface ShiftNotice {
  accountId: string;
  dedupe: string;
  payload: Omit<ShiftNoticePayload, 'type' | 'language'>;
}

/**
 * Queue many notices in the caller's transaction with one read of the recipients and one
 * insert (per 500 rows), however many people are told. Returns how many messages were queued.
 */
export async function queueNotices(
  trx: Transaction<DB>,
  deps: Deps,
  networkId: string,
  notices: readonly ShiftNotice[],
): Promise<number> {
  if (notices.length === 0) return 0;
  const recipients = await noticeRecipientsOfMany(
    deps,
    trx,
    notices.map((n) => n.accountId),
  );
  const rows = notices.flatMap((n) => {
    const to = recipients.get(n.accountId);
    return to ? shiftNoticeRows(deps, networkId, to, n.dedupe, n.payload) : [];
  });
  await insertOutboxRows(trx, deps.keyring, rows);
  return rows.length;
}

/** The outbox rows of one shift notice to one person (jobs collect many and insert them at once). */
export function shiftNoticeRows(
  deps: Deps,
  networkId: string,
  to: NoticeRecipients,
  dedupe: string,
  payload: Omit<ShiftNoticePayload, 'type' | 'language'>,
): NewOutboxRow[] {
  const now = deps.clock.now().toISOString();
  const body: ShiftNoticePayload = { type: 'shift', language: to.language, ...payload };
  return to.recipients.map((r) => ({
    id: newId(),
    networkId,
    channel: r.channel,
    recipientEnc: r.recipientEnc,
    payload: body,
    dedupeKey: `shift:${dedupe}:${r.channel}`,
    now,
  }));
}

/** A shift's start in the reader's language and the network's zone. */
function formatShiftTime(iso: string, language: string, timeZone: string): string {
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

/** Render a shift notice in the recipient's language, with times in the network's zone. */
export function renderShiftNotice(p: ShiftNoticePayload, to: string, publicUrl: string): OutboundMessage {
  const s = stringsFor('shifts', p.language).notice;
  const link = `${publicUrl}${p.path}`;
  const text = fill(s[p.kind], {
    title: p.title,
    site: p.site,
    time: formatShiftTime(p.startsAt, p.language, p.timeZone),
    link,
    count: p.count ?? 0,
    names: p.names ?? '',
  });
  const subject = s[`${p.kind}Subject`];
  return { to, subject, text, push: { title: subject, body: text, url: link } };
}

/** Outbox handler for shift notices. */
export function shiftPayloadHandler(deps: Deps): PayloadHandler {
  return {
    async render(_row, payload, recipient) {
      return renderShiftNotice(payload as unknown as ShiftNoticePayload, recipient, deps.config.publicUrl);
    },
  };
}
