import type { KeyPurpose } from './keyring.ts';

/** One column holding Keyring ciphertexts. Each module lists its own in its face (`encryptedColumns`). */
export interface EncryptedColumn {
  table: string;
  idColumn: string;
  column: string;
  purpose: KeyPurpose;
}
