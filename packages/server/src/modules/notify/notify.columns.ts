import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/**
 * The notify module's columns kept in the clear, and why (its face's `plainColumns`). Every
 * other column of its tables is a ciphertext listed in `encryptedColumns`.
 *
 * Deliberately in neither list yet: outbox.payload. They hold
 * people's words, places or contact in the clear today and are being moved to `_enc` columns
 * (issue 10); until then the registry and cold-copy tests fail naming them, as they should.
 */
export const NOTIFY_PLAIN_COLUMNS: PlainColumns = {
  'outbox.id': 'id',
  'outbox.network_id': 'id',
  'outbox.channel': 'status',
  'outbox.dedupe_key': 'id: a kind and row ids ("dispatch:<id>:sms")',
  'outbox.status': 'status',
  'outbox.attempts': 'count',
  'outbox.next_attempt_at': 'timestamp',
  'outbox.claimed_until': 'timestamp',
  'outbox.last_error': "log: the provider's answer, never the recipient (notify/channel.ts)",
  'outbox.created_at': 'timestamp',
  'outbox.sent_at': 'timestamp',
  'outbox.payload': 'retired',
};
