// How the reports module's words and points are sealed at rest (decision: encryption is a
// storage concern; rows in memory and DTOs carry plaintext, columns carry ciphertexts).
import type { Keyring } from '../../platform/crypto/keyring.ts';

/** A point as it is sealed: `lat,lng`, the numbers as JavaScript prints them (exact round trip). */
export function sealPoint(keyring: Keyring, p: { lat: number; lng: number } | null): string | null {
  return p ? keyring.encrypt('address', `${p.lat},${p.lng}`) : null;
}

/**
 * Points already opened, by ciphertext, per keyring. Clustering opens the points of every open
 * incident near each batch of reports; in a surge the same few hundred are asked for again and
 * again. A ciphertext has a random nonce, so one never maps to two points; an edited point is
 * a new ciphertext. Only consulted while the key is loaded.
 */
const openedPoints = new WeakMap<Keyring, Map<string, { lat: number; lng: number }>>();
const OPENED_POINTS_KEPT = 20_000;

/** A sealed point, opened; a legacy plain one when nothing is sealed yet. */
export function openPoint(
  keyring: Keyring,
  sealed: string | null,
  plain?: { lat: number | null; lng: number | null },
): { lat: number; lng: number } | null {
  if (sealed) {
    let opened = openedPoints.get(keyring);
    if (!opened) openedPoints.set(keyring, (opened = new Map()));
    // Sealed since: forget them all, and let decrypt say `sealed`.
    if (keyring.sealed) opened.clear();
    const known = opened.get(sealed);
    if (known) return { lat: known.lat, lng: known.lng };
    const [lat, lng] = keyring.decrypt('address', sealed).split(',').map(Number);
    if (opened.size >= OPENED_POINTS_KEPT) opened.delete(opened.keys().next().value as string);
    opened.set(sealed, { lat, lng });
    return { lat, lng };
  }
  return plain && plain.lat != null && plain.lng != null ? { lat: Number(plain.lat), lng: Number(plain.lng) } : null;
}

/** Seal a text field (`address` for places, `report` for what a reporter said). */
export function sealText(keyring: Keyring, purpose: 'address' | 'report', text: string | null): string | null {
  return text == null ? null : keyring.encrypt(purpose, text);
}

/** A sealed text field, opened; the legacy plain value when nothing is sealed yet. */
export function openText(
  keyring: Keyring,
  purpose: 'address' | 'report',
  sealed: string | null,
  plain?: string | null,
): string | null {
  return sealed ? keyring.decrypt(purpose, sealed) : (plain ?? null);
}

/**
 * A timeline entry's detail split in two: the named fields (places in words) sealed together
 * as JSON for `incident_events.detail_enc`, the rest plain. `openDetail` puts them back.
 */
export function sealDetail(
  keyring: Keyring,
  detail: Record<string, unknown>,
  fields: readonly string[],
): { detail: Record<string, unknown>; detailEnc: string | null } {
  const open: Record<string, unknown> = {};
  const hidden: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) (fields.includes(k) ? hidden : open)[k] = v;
  return { detail: open, detailEnc: keyring.encrypt('address', JSON.stringify(hidden)) };
}

/** A timeline entry's detail as it was written, its sealed fields opened. */
export function openDetail(keyring: Keyring, detail: Record<string, unknown>, detailEnc: string | null): Record<string, unknown> {
  if (!detailEnc) return detail;
  return { ...detail, ...(JSON.parse(keyring.decrypt('address', detailEnc)) as Record<string, unknown>) };
}

/** Timeline entry kinds whose detail holds words (places, a dispatcher's free-text note), and the fields that do. */
export const SEALED_DETAIL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  placed: ['place', 'from'],
  status_changed: ['note'],
};
