import { DEFAULT_LANGUAGE, toLanguage } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import { noticeRecipientsOf } from '../identity/index.ts';
import { insertOutboxRows, type OutboundMessage, type PayloadHandler } from '../notify/index.ts';

/** The kinds of training notice, each with a subject and text in the `training` strings (`notice.<kind>`). */
export type TrainingNoticeKind =
  | 'session_reminder'
  | 'waitlist_promoted'
  | 'expiry_reminder'
  | 'session_cancelled'
  | 'session_changed';

/** The outbox payload of a training notice; rendered in the person's language when sent. */
export interface TrainingNoticePayload {
  type: 'training';
  kind: TrainingNoticeKind;
  language: string;
  course: string;
  /** Instant the notice is about (session start, or expiry). */
  at: string;
  timeZone: string;
  /** The network's slug, for the link to its training page. */
  slug: string;
  /** Where the session is now (its place, or its online link): session_changed only. */
  where?: string;
}

/**
 * Queue a training notice on each channel the person enabled, in the caller's transaction.
 * `dedupeKey` makes a second enqueue of the same notice (a job run twice) a no-op.
 */
export async function enqueueTrainingNotice(
  trx: Transaction<DB>,
  deps: Deps,
  n: {
    networkId: string;
    accountId: string;
    dedupeKey: string;
    payload: Omit<TrainingNoticePayload, 'type' | 'language'>;
    now: string;
  },
): Promise<void> {
  // Identity knows the channels the person enabled and encrypts their addresses for the outbox.
  const to = await noticeRecipientsOf(deps, trx, n.accountId);
  if (!to) return;
  const payload: TrainingNoticePayload = { type: 'training', language: to.language, ...n.payload };
  await insertOutboxRows(
    trx,
    deps.keyring,
    to.recipients.map((r) => ({
      id: newId(),
      networkId: n.networkId,
      channel: r.channel,
      recipientEnc: r.recipientEnc,
      payload,
      dedupeKey: `${n.dedupeKey}:${r.channel}`,
      now: n.now,
    })),
  );
}

/** A training notice in the payload's language, with dates in the network's zone and that language's format. */
export function renderTrainingNotice(p: TrainingNoticePayload, to: string, publicUrl: string): OutboundMessage {
  const lang = toLanguage(p.language) ?? DEFAULT_LANGUAGE;
  const s = stringsFor('training', lang).notice[p.kind];
  const at = DateTime.fromISO(p.at).setZone(p.timeZone).setLocale(lang);
  const link = `${publicUrl}/n/${encodeURIComponent(p.slug)}/training`;
  const values: Record<string, string> = {
    course: p.course,
    when: at.toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY),
    date: at.toLocaleString(DateTime.DATE_MED),
    where: p.where ?? '',
    link,
  };
  // fill works in one pass, so a course name or place that happens to contain "{link}" is left as typed.
  const text = fill(s.text, values);
  return { to, subject: s.subject, text, push: { title: s.subject, body: text, url: link } };
}

/** Outbox handler for training notices. */
export function trainingPayloadHandler(deps: Deps): PayloadHandler {
  return {
    async render(_row, payload, recipient) {
      return renderTrainingNotice(payload as unknown as TrainingNoticePayload, recipient, deps.config.publicUrl);
    },
  };
}
