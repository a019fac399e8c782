import type { KeyPurpose } from './keyring.ts';

/** One column holding Keyring ciphertexts. */
export interface EncryptedColumn {
  table: string;
  idColumn: string;
  column: string;
  purpose: KeyPurpose;
}

/**
 * Every encrypted column in the database. Key rotation re-encrypts exactly these:
 * a module that adds an encrypted column adds it here (a test checks none is missed).
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'accounts', idColumn: 'id', column: 'phone_enc', purpose: 'contact' },
  { table: 'reports', idColumn: 'id', column: 'contact_enc', purpose: 'contact' },
  { table: 'reports', idColumn: 'id', column: 'photo_enc', purpose: 'evidence' },
  { table: 'alert_subscriptions', idColumn: 'id', column: 'endpoint_enc', purpose: 'contact' },
  { table: 'outbox', idColumn: 'id', column: 'recipient_enc', purpose: 'contact' },
  { table: 'sites', idColumn: 'id', column: 'notes_enc', purpose: 'contact' },
];
