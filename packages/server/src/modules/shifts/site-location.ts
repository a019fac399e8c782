import type { Keyring } from '../../platform/crypto/keyring.ts';

/** A site's stored location columns (2026-12-04T0013): encrypted, or plain from before (or written while sealed). */
export interface StoredSiteLocation {
  address: string | null;
  lat: number | null;
  lng: number | null;
  address_enc: string | null;
  point_enc: string | null;
}

/** The columns to store a site's address and exact point in; the coarse cell stays plain beside them. */
export function sealSiteLocation(keyring: Keyring, address: string, lat: number, lng: number): StoredSiteLocation {
  // Only the CLI's demo seed writes sites while sealed; sealPlaintext encrypts them at the next unseal.
  if (keyring.sealed) return { address, lat, lng, address_enc: null, point_enc: null };
  return {
    address: null,
    lat: null,
    lng: null,
    address_enc: keyring.encrypt('address', address),
    point_enc: keyring.encrypt('address', JSON.stringify([lat, lng])),
  };
}

/** Read a site's address and point back (throws `sealed` while sealed, like its notes). */
export function openSiteLocation(keyring: Keyring, r: StoredSiteLocation): { address: string; lat: number; lng: number } {
  const address = r.address ?? (r.address_enc !== null ? keyring.decrypt('address', r.address_enc) : '');
  if (r.lat !== null && r.lng !== null) return { address, lat: Number(r.lat), lng: Number(r.lng) };
  const [lat, lng] = r.point_enc !== null ? (JSON.parse(keyring.decrypt('address', r.point_enc)) as [number, number]) : [0, 0];
  return { address, lat, lng };
}
