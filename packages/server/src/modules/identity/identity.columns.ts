import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/**
 * The identity module's columns kept in the clear, and why (its face's `plainColumns`). Every
 * other column of its tables is a ciphertext listed in `encryptedColumns`.
 *
 * Deliberately in neither list yet: accounts.email and accounts.display_name. They hold
 * people's words, places or contact in the clear today and are being moved to `_enc` columns
 * (issue 10); until then the registry and cold-copy tests fail naming them, as they should.
 */
export const IDENTITY_PLAIN_COLUMNS: PlainColumns = {
  'accounts.id': 'id',
  'accounts.password_hash': 'hash: argon2id of the password',
  'accounts.language': 'status',
  'accounts.languages_spoken': 'status: languages the member speaks',
  'accounts.home_area': 'coarse cell: the home area the member chose (resolution 8 or coarser; finer is refused)',
  'accounts.notification_channels': 'setting: email and SMS on or off',
  'accounts.is_deployment_admin': 'flag',
  'accounts.created_at': 'timestamp',
  'auth_challenges.id': 'id',
  'auth_challenges.challenge': 'token: a WebAuthn challenge, kept for minutes',
  'auth_challenges.purpose': 'status',
  'auth_challenges.account_id': 'id',
  'auth_challenges.payload': 'label: the name a passkey being registered will get',
  'auth_challenges.expires_at': 'timestamp',
  'passkeys.id': 'id',
  'passkeys.account_id': 'id',
  'passkeys.credential_id': 'public key: the credential id the authenticator chose',
  'passkeys.public_key': 'public key',
  'passkeys.counter': 'count',
  'passkeys.transports': 'status: usb, nfc, internal…',
  'passkeys.name': 'label: what the member called the passkey',
  'passkeys.created_at': 'timestamp',
  'sessions.id': 'id',
  'sessions.token_hash': 'hash: SHA-256 of the session token',
  'sessions.account_id': 'id',
  'sessions.label': 'label: "Browser on OS", nothing finer (platform/auth/client-label.ts)',
  'sessions.created_at': 'timestamp',
  'sessions.last_seen_at': 'timestamp',
  'sessions.expires_at': 'timestamp',
  'sessions.auth_method': 'status',
  'accounts.email_lookup': 'hash: keyed HMAC of the normalized email, tagged with the key id (the blind index sign-in uses)',
  'accounts.sealed_email_hash':
    "hash: scrypt of a deployment admin's normalized email under a per-deployment salt, for sign-in while sealed (decision 0015)",
  'accounts.email': 'retired: written only for an account made while sealed, sealed at the next unseal',
  'accounts.display_name': 'retired: written only for an account made while sealed, sealed at the next unseal',
};
