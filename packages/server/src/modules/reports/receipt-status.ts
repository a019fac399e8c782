import type { INCIDENT_STATUSES, RECEIPT_STATUSES } from '@switchboard/shared';
import type { Deps } from '../../platform/context.ts';
import { incidentStatusByReceipt } from './intake.repository.ts';
import { isHeldReceipt } from './sealed-intake.service.ts';

/** Where a report stands, in a reporter's words. */
export type ReceiptStatusName = (typeof RECEIPT_STATUSES)[number];

/** A dispatcher's status told as little as a reporter needs. */
const PUBLIC_STATUS: Record<(typeof INCIDENT_STATUSES)[number], ReceiptStatusName> = {
  new: 'received',
  verifying: 'checking',
  unconfirmed: 'checking',
  verified: 'verified',
  false_alarm: 'closed',
  resolved: 'closed',
};

// Crockford base32 as the codes are made (receipt-code.ts): people read I and L as 1, O as 0.
const CODE = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/**
 * A typed code in its stored spelling (K7QF-2MXA): any case, spaces or dashes anywhere,
 * and the letters people mistake for digits read as those digits. Undefined when it
 * cannot be a code at all.
 */
export function normalizeReceiptCode(raw: string): string | undefined {
  const s = raw
    .toUpperCase()
    .replace(/[\s\u2010-\u2015-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return CODE.test(s) ? `${s.slice(0, 4)}-${s.slice(4)}` : undefined;
}

/**
 * The public status of the report with this receipt code in this network, or undefined
 * for a code that is unknown or malformed alike (the caller answers both the same way).
 * Nothing else of the report or its incident leaves here.
 */
export async function receiptStatus(deps: Deps, networkId: string, rawCode: string): Promise<ReceiptStatusName | undefined> {
  const code = normalizeReceiptCode(rawCode);
  if (!code) return undefined;
  const status = await incidentStatusByReceipt(deps.database.db, networkId, code);
  // Held while sealed (filed on unseal): received, and nothing more to say yet.
  if (status === undefined) return (await isHeldReceipt(deps, networkId, code)) ? 'received' : undefined;
  return status === null ? 'received' : (PUBLIC_STATUS[status as keyof typeof PUBLIC_STATUS] ?? 'received');
}
