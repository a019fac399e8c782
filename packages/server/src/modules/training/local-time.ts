import { DateTime } from 'luxon';
import { badRequest } from '../../platform/errors.ts';

/**
 * Wall-clock time in the network's zone ↔ instants. Sessions are typed and shown as local
 * time ("Tuesday 18:00" stays 18:00 across a daylight-saving change) and stored as UTC.
 */

/** The instant of a local 'YYYY-MM-DDTHH:mm' in `zone`; a time that does not exist there (the skipped DST hour) is refused. */
export function localToInstant(local: string, zone: string, field: string): Date {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid || dt.toFormat("yyyy-MM-dd'T'HH:mm") !== local) throw badRequest('validation_failed', { fields: [field] });
  return dt.toJSDate();
}

/** An instant as local 'YYYY-MM-DDTHH:mm' in `zone`. */
export function instantToLocal(at: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(at)).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The start of a local date 'YYYY-MM-DD' in `zone`, or undefined if it is not a real date. */
export function localDateStart(date: string, zone: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const dt = DateTime.fromISO(date, { zone });
  return dt.isValid && dt.toISODate() === date ? dt.toJSDate() : undefined;
}

/** When a certification issued at `issuedAt` expires: the same local day and time `months` later; null if it never does. */
export function expiryOf(issuedAt: Date, months: number | null, zone: string): Date | null {
  if (months == null) return null;
  return DateTime.fromJSDate(issuedAt).setZone(zone).plus({ months }).toJSDate();
}

/** The Monday (local date) of the week holding `at` in `zone`. */
export function weekOf(at: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(at)).setZone(zone).startOf('week').toISODate()!;
}
