import type { ExportQuery } from '@switchboard/shared';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { findAccountsByIds } from '../identity/index.ts';
import { auditRead, enterNetwork } from '../networks/index.ts';
import { attendanceRows } from './export.repository.ts';
import { coverageRows } from './coverage.repository.ts';
import { managedOrgIds } from './shifts-access.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';

/**
 * Spreadsheets run a cell starting with = + - @ (or a tab/CR) as a formula: prefix such
 * cells with an apostrophe so an exported name can never execute (CSV injection).
 */
export function safeCell(value: unknown): string {
  const s = value == null ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csv(rows: unknown[][]): string {
  return stringify(rows.map((r) => r.map(safeCell)));
}

async function range(ctx: RequestContext, slug: string, query: z.output<typeof ExportQuery>) {
  const entered = await enterNetwork(ctx, slug, P['coverage.read']);
  const zone = entered.network.timeZone;
  const today = DateTime.fromJSDate(ctx.deps.clock.now(), { zone }).startOf('day');
  const from = query.from ? DateTime.fromISO(query.from, { zone }) : today.minus({ days: 28 });
  const to = (query.to ? DateTime.fromISO(query.to, { zone }) : today.plus({ days: 28 })).plus({ days: 1 });
  return { ...entered, zone, from: from.toUTC().toISO()!, to: to.toUTC().toISO()! };
}

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat('yyyy-LL-dd HH:mm');

/** Shifts with their slots and fill, for the sites the caller coordinates, as CSV. */
export async function exportShifts(ctx: RequestContext, slug: string, query: z.output<typeof ExportQuery>): Promise<string> {
  const { network, access, zone, from, to } = await range(ctx, slug, query);
  const rows = await coverageRows(ctx.deps.database.db, network.id, from, to, { orgIds: managedOrgIds(access) });
  rows.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.siteName.localeCompare(b.siteName));
  return csv([
    ['site', 'shift', 'slot', 'starts', 'ends', 'time_zone', 'needed', 'confirmed'],
    ...rows.map((r) => [
      r.siteName,
      r.title,
      r.label ?? '',
      local(r.startsAt, zone),
      local(r.endsAt, zone),
      zone,
      r.peopleNeeded,
      r.confirmed,
    ]),
  ]);
}

/** Attendance (who was on, checked in and out) for the sites the caller coordinates, as CSV; the read is audited. */
export async function exportAttendance(ctx: RequestContext, slug: string, query: z.output<typeof ExportQuery>): Promise<string> {
  const { network, access, actor, zone, from, to } = await range(ctx, slug, query);
  const orgIds = managedOrgIds(access);
  const db = ctx.deps.database.db;
  const signups = await attendanceRows(db, network.id, from, to, orgIds);
  // Names are identity's: one batched read for everyone listed.
  const accounts = await findAccountsByIds(
    db,
    ctx.deps.keyring,
    signups.map((r) => r.accountId),
  );
  const rows = signups.flatMap((r) => {
    const account = accounts.get(r.accountId);
    return account ? [{ ...r, displayName: account.displayName }] : [];
  });
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'shift.attendance_export',
    targetType: 'network',
    targetId: network.id,
    detail: { rows: rows.length },
  });
  const t = (iso: string | null) => (iso ? local(iso, zone) : '');
  return csv([
    ['site', 'shift', 'starts', 'person', 'status', 'checked_in', 'checked_out', 'certification_overridden'],
    ...rows.map((r) => [
      r.siteName,
      r.title,
      t(r.startsAt),
      r.displayName,
      r.status,
      t(r.checkedInAt),
      t(r.checkedOutAt),
      r.certificationOverridden ? 'yes' : 'no',
    ]),
  ]);
}
