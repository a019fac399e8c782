import { type CareOutboxPayload, DEFAULT_LANGUAGE, toLanguage } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import { insertOutboxRows, type OutboundMessage, type PayloadHandler } from '../notify/index.ts';
import type { CareRequestRow } from './care.repository.ts';

export type CareNotice = z.infer<typeof CareOutboxPayload>;
export type RequesterStep = Exclude<CareNotice['kind'], 'released'>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Where a requester's notices go: the contact they gave, as an email address or a phone number
 * (read as a US number without a country code, as report callbacks are). Anything else ("ask for
 * Maria at the corner store") gets no notice: only a driver reads it, under the address rule.
 */
export function channelOfContact(contact: string): { channel: 'sms' | 'email'; to: string } | undefined {
  const typed = contact.trim();
  if (EMAIL.test(typed)) return { channel: 'email', to: typed };
  const phone = parsePhoneNumberFromString(typed, { defaultCountry: 'US', extract: false });
  return phone?.isValid() ? { channel: 'sms', to: phone.number } : undefined;
}

/** What a requester is told the request is called: its receipt code, or a short reference (member-filed). */
export const referenceOf = (r: Pick<CareRequestRow, 'id' | 'receipt_code'>) =>
  r.receipt_code ?? r.id.replace(/-/g, '').slice(-8).toUpperCase();

/**
 * Tell the requester of a step, in the caller's transaction, through the outbox, in their
 * language. In discreet mode the payload holds only the reference: no kind of help, no
 * organization, no reason. Never an address, in either mode. `dedupeKey` makes a replay a no-op.
 */
export async function noticeRequester(
  trx: Transaction<DB>,
  deps: Deps,
  request: Pick<CareRequestRow, 'id' | 'network_id' | 'contact_enc' | 'language' | 'discreet' | 'receipt_code' | 'kind'>,
  step: RequesterStep,
  detail: { organization?: string; reason?: string; dedupeKey: string; now: string },
): Promise<void> {
  if (!request.contact_enc) return;
  const target = channelOfContact(deps.keyring.decrypt('contact', request.contact_enc));
  if (!target) return;
  const discreet = request.discreet === 1;
  const payload: CareNotice = {
    type: 'care',
    kind: step,
    language: request.language,
    discreet,
    reference: referenceOf(request),
    ...(discreet
      ? {}
      : {
          careKind: request.kind,
          ...(detail.organization ? { organization: detail.organization } : {}),
          ...(detail.reason ? { reason: detail.reason } : {}),
        }),
  };
  await insertOutboxRows(trx, deps.keyring, [
    {
      id: newId(),
      networkId: request.network_id,
      channel: target.channel,
      recipientEnc: deps.keyring.encrypt('contact', target.to),
      payload,
      dedupeKey: `care:${request.id}:${detail.dedupeKey}`,
      now: detail.now,
    },
  ]);
}

/** A care notice in its language: the discreet text when asked for, else the step's own. */
export function renderCareNotice(p: CareNotice, to: string): OutboundMessage {
  const lang = toLanguage(p.language) ?? DEFAULT_LANGUAGE;
  const strings = stringsFor('care', lang);
  const s = p.discreet ? strings.notice.discreet : strings.notice[p.kind];
  const kinds = strings.kinds as Record<string, string>;
  const values = {
    reference: p.reference,
    kind: (p.careKind && kinds[p.careKind]) || kinds.other!,
    organization: p.organization ?? '',
    reason: p.reason ?? '',
    days: p.days ?? 0,
  };
  const subject = fill(s.subject, values);
  const text = fill(s.text, values);
  return { to, subject, text, push: { title: subject, body: text, url: '/' } };
}

/** Outbox handler for care notices. */
export function carePayloadHandler(): PayloadHandler {
  return { render: async (_row, payload, recipient) => renderCareNotice(payload as CareNotice, recipient) };
}
