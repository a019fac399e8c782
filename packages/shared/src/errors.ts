/**
 * Stable error codes. Clients switch on these and translate them; the server
 * sends a message in the caller's language from locales/<lang>/errors.json.
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'invalid_credentials',
  'passkey_required',
  'passkey_failed',
  'session_expired',
  'invitation_invalid',
  'already_member',
  'already_vouched',
  'cannot_vouch_self',
  'slug_taken',
  'email_taken',
  'weak_password',
  'sealed',
  'wrong_key',
  'membership_pending',
  'origin_mismatch',
  'challenge_required',
  'not_certified',
  'full',
  'too_late',
  'already_signed_up',
  'prerequisite_missing',
  'invalid_recurrence',
  'csv_rejected',
  'confirmation_invalid',
  'too_many_codes',
  'internal_error',
] as const;
/** One stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];
