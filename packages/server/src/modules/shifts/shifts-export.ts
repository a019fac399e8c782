import type { ExportQuery } from '@switchboard/shared';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { toIsoOrNull } from '../../db/rows.ts';
import type { RequestContext } from '../../platform/context.ts';
import { auditRead, enterNetwork } from '../networks/index.ts';
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
  let q = ctx.deps.database.db
    .selectFrom('shift_signups as su')
    .innerJoin('shift_occurrences as o', 'o.id', 'su.occurrence_id')
    .innerJoin('shift_series as se', 'se.id', 'o.series_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .innerJoin('accounts as a', 'a.id', 'su.account_id')
    .select([
      's.name as site_name',
      'se.title',
      'o.starts_at',
      'a.display_name',
      'su.status',
      'su.checked_in_at',
      'su.checked_out_at',
      'su.certification_overridden',
    ])
    .where('su.network_id', '=', network.id)
    .where('su.status', 'in', ['confirmed', 'swapped', 'cancelled'])
    .where('o.starts_at', '>=', from)
    .where('o.starts_at', '<', to);
  if (orgIds) q = q.where('s.organization_id', 'in', orgIds.length ? orgIds : ['-']);
  const rows = await q.orderBy('o.starts_at').orderBy('s.name').execute();
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'shift.attendance_export',
    targetType: 'network',
    targetId: network.id,
    detail: { rows: rows.length },
  });
  const t = (v: string | Date | null) => {
    const iso = toIsoOrNull(v);
    return iso ? local(iso, zone) : '';
  };
  return csv([
    ['site', 'shift', 'starts', 'person', 'status', 'checked_in', 'checked_out', 'certification_overridden'],
    ...rows.map((r) => [
      r.site_name,
      r.title,
      t(r.starts_at),
      r.display_name,
      r.status,
      t(r.checked_in_at),
      t(r.checked_out_at),
      r.certification_overridden ? 'yes' : 'no',
    ]),
  ]);
}
