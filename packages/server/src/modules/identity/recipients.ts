import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';
import { findAccountById } from './identity.repository.ts';

/** Where one person's notices go: each channel they enabled, with the address encrypted for the outbox. */
export interface NoticeRecipients {
  /** Their profile language: notices are rendered in it. */
  language: string;
  recipients: { channel: 'sms' | 'email'; recipientEnc: string }[];
}

/**
 * The channels a person enabled for notices (SMS with their phone, email with their login
 * address), encrypted with the contact key, ready for the outbox; undefined when there is
 * no such account. Every module that notifies a member (dispatch, shifts, training) asks here.
 */
export async function noticeRecipientsOf(
  deps: Deps,
  db: Kysely<DB> | Transaction<DB>,
  accountId: string,
): Promise<NoticeRecipients | undefined> {
  const account = await findAccountById(db, accountId);
  if (!account) return undefined;
  const recipients: NoticeRecipients['recipients'] = [];
  if (account.notificationChannels.sms && account.phoneEnc) recipients.push({ channel: 'sms', recipientEnc: account.phoneEnc });
  if (account.notificationChannels.email)
    recipients.push({ channel: 'email', recipientEnc: deps.keyring.encrypt('contact', account.email) });
  return { language: account.language, recipients };
}
