import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/**
 * The public-intake module's columns kept in the clear, and why (its face's `plainColumns`). Every
 * other column of its tables is a ciphertext listed in `encryptedColumns`.
 */
export const PUBLIC_INTAKE_PLAIN_COLUMNS: PlainColumns = {
  'sms_blocklist.network_id': 'id',
  'sms_blocklist.number_hash': "hash: keyed HMAC of the sender's number",
  'sms_blocklist.created_at': 'timestamp',
};
