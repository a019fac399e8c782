import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';
import { type AccountRow, findAccountById, findAccountsByIds } from './identity.repository.ts';

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
  const account = await findAccountById(db, deps.keyring, accountId);
  return account && recipientsOf(deps, account);
}

/** noticeRecipientsOf for many accounts in one batched read (scheduled jobs); unknown accounts are left out. */
export async function noticeRecipientsOfMany(
  deps: Deps,
  db: Kysely<DB> | Transaction<DB>,
  accountIds: readonly string[],
): Promise<Map<string, NoticeRecipients>> {
  const out = new Map<string, NoticeRecipients>();
  for (const [id, account] of await findAccountsByIds(db, deps.keyring, accountIds)) out.set(id, recipientsOf(deps, account));
  return out;
}

function recipientsOf(deps: Deps, account: AccountRow): NoticeRecipients {
  const recipients: NoticeRecipients['recipients'] = [];
  if (account.notificationChannels.sms && account.phoneEnc) recipients.push({ channel: 'sms', recipientEnc: account.phoneEnc });
  if (account.notificationChannels.email)
    recipients.push({ channel: 'email', recipientEnc: deps.keyring.encrypt('contact', account.email) });
  return { language: account.language, recipients };
}
