import { randomInt } from 'node:crypto';

// Crockford base32 without I, L, O, U, as report receipts: easy to read aloud and type on a phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A receipt code like K7QF-2MXA: 40 random bits, so codes cannot be guessed or enumerated. */
export function newCareReceiptCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
