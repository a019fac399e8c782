import type { REPORT_CATEGORIES } from '@switchboard/shared';
import type { Kysely, Transaction } from 'kysely';
import { fromJson, toBool, toIso, toIsoOrNull } from '../../db/rows.ts';
import type { DB, IncidentsTable, ReportsTable } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { openDetail, openPoint } from './sealed-fields.ts';
import { type IncidentRow, incidentColumns, type ReportRow, sealedIncidentColumns, toIncident, toReport } from './report-rows.ts';

type Db = Kysely<DB> | Transaction<DB>;
/** Statuses of an incident still taking reports (clustering joins only these). */
export const OPEN_STATUSES = ['new', 'verifying', 'verified', 'unconfirmed'] as const;

/** Open incidents with no point whose last report is recent enough to join (reports that gave only words). */
export async function findUnplacedCandidates(db: Db, keyring: Keyring, networkId: string, since: string): Promise<IncidentRow[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('last_reported_at', '>=', since)
    .where('cell', 'is', null)
    .where((eb) => eb.or([eb('location_text_enc', 'is not', null), eb('location_text', 'is not', null)]))
    .execute();
  return rows.map((r) => toIncident(r, keyring));
}

/** Longest cell list asked for in SQL; a wider reach reads the window and keeps the cells in memory. */
const MAX_CELLS_IN_QUERY = 64;

/** An open incident as clustering first sees it: where it is and how recent, nothing more. */
export interface ClusterCandidate {
  id: string;
  cell: string;
  lastReportedAt: string;
  lat: number;
  lng: number;
}

/**
 * Open incidents in any of the given coarse cells whose last report is recent enough to join,
 * with their points opened (the exact distance is for the caller). Only what clustering needs
 * is read: in a surge these are hundreds per batch, and only the nearest are loaded whole.
 */
export async function findClusterCandidates(
  db: Db,
  keyring: Keyring,
  networkId: string,
  cells: readonly string[],
  since: string,
): Promise<ClusterCandidate[]> {
  if (cells.length === 0) return [];
  let q = db
    .selectFrom('incidents')
    .select(['id', 'cell', 'last_reported_at', 'point_enc', 'lat', 'lng'])
    .where('network_id', '=', networkId)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('last_reported_at', '>=', since);
  q = cells.length <= MAX_CELLS_IN_QUERY ? q.where('cell', 'in', [...cells]) : q.where('cell', 'is not', null);
  const inReach = new Set(cells);
  const out: ClusterCandidate[] = [];
  for (const r of await q.execute()) {
    if (r.cell == null || !inReach.has(r.cell)) continue;
    const point = openPoint(keyring, r.point_enc, r);
    if (point) out.push({ id: r.id, cell: r.cell, lastReportedAt: toIso(r.last_reported_at), lat: point.lat, lng: point.lng });
  }
  return out;
}

/** Insert a new incident (a split). */
export async function insertIncident(db: Db, keyring: Keyring, i: IncidentRow & { now: string }): Promise<void> {
  await db.insertInto('incidents').values(incidentColumns(keyring, i)).execute();
}

/** Find one incident of a network. */
export async function findIncident(db: Db, keyring: Keyring, networkId: string, id: string): Promise<IncidentRow | undefined> {
  const r = await db
    .selectFrom('incidents')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toIncident(r, keyring);
}

/** Incidents of a network by id (any order). */
export async function findIncidents(db: Db, keyring: Keyring, networkId: string, ids: readonly string[]): Promise<IncidentRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => toIncident(r, keyring));
}

/** Update incident columns; with `expectVersion`, only if nobody changed it meanwhile (returns false then). */
export async function updateIncident(db: Db, id: string, set: Partial<IncidentsTable>, expectVersion?: number): Promise<boolean> {
  let q = db
    .updateTable('incidents')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (expectVersion !== undefined) q = q.where('version', '=', expectVersion);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The queue: open incidents, those needing a person first (new, verifying), newest activity first. */
export async function listIncidents(
  db: Db,
  keyring: Keyring,
  networkId: string,
  statuses: readonly string[],
  limit = 200,
): Promise<IncidentRow[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('status', 'in', [...statuses])
    .orderBy('last_reported_at', 'desc')
    .limit(limit)
    .execute();
  const urgency: Record<string, number> = { new: 0, verifying: 1, verified: 2, unconfirmed: 3, false_alarm: 4, resolved: 5 };
  return rows.map((r) => toIncident(r, keyring)).sort((a, b) => urgency[a.status] - urgency[b.status]);
}

/** Reports of an incident, oldest first. */
export async function listReportsOfIncident(db: Db, keyring: Keyring, incidentId: string): Promise<ReportRow[]> {
  const rows = await db.selectFrom('reports').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();
  return rows.map((r) => toReport(r, keyring));
}

/** One report of a network. */
export async function findReport(db: Db, keyring: Keyring, networkId: string, id: string): Promise<ReportRow | undefined> {
  const r = await db
    .selectFrom('reports')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toReport(r, keyring);
}

/** Move reports to another incident. */
export async function moveReports(db: Db, reportIds: string[], incidentId: string): Promise<void> {
  if (reportIds.length) await db.updateTable('reports').set({ incident_id: incidentId }).where('id', 'in', reportIds).execute();
}

/** Update a report's structured fields. */
export async function updateReport(db: Db, id: string, set: Partial<ReportsTable>): Promise<void> {
  await db.updateTable('reports').set(set).where('id', '=', id).execute();
}

/** Append to an incident's timeline. */
export async function insertIncidentEvent(
  db: Db,
  e: {
    id: string;
    incidentId: string;
    networkId: string;
    kind: string;
    actorId: string | null;
    detail: Record<string, unknown>;
    /** Fields of the detail that name places, already sealed (sealDetail). */
    detailEnc?: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('incident_events')
    .values({
      id: e.id,
      incident_id: e.incidentId,
      network_id: e.networkId,
      kind: e.kind,
      actor_id: e.actorId,
      detail: JSON.stringify(e.detail),
      detail_enc: e.detailEnc ?? null,
      created_at: e.now,
    })
    .execute();
}

/** An incident's timeline, oldest first, sealed places opened (actor names come from identity). */
export async function listIncidentEvents(db: Db, keyring: Keyring, incidentId: string) {
  const rows = await db
    .selectFrom('incident_events as e')
    .select(['e.id', 'e.kind', 'e.detail', 'e.detail_enc', 'e.created_at', 'e.actor_id'])
    .where('e.incident_id', '=', incidentId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    actorId: r.actor_id,
    detail: openDetail(keyring, fromJson<Record<string, unknown>>(r.detail), r.detail_enc),
    createdAt: toIso(r.created_at),
  }));
}

/** Recompute an incident's counters and time span from its reports (after merge/split). */
export async function recountIncident(db: Db, incidentId: string): Promise<void> {
  const agg = await db
    .selectFrom('reports')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('trusted').as('trusted'),
      eb.fn.min('created_at').as('first'),
      eb.fn.max('created_at').as('last'),
    ])
    .where('incident_id', '=', incidentId)
    .executeTakeFirstOrThrow();
  if (Number(agg.n) === 0) return;
  await db
    .updateTable('incidents')
    .set((eb) => ({
      report_count: Number(agg.n),
      trusted_reports: Number(agg.trusted ?? 0),
      first_reported_at: toIso(agg.first as string),
      last_reported_at: toIso(agg.last as string),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', incidentId)
    .execute();
}

/** Record the first accept or on-scene time of an incident (only the first one counts). */
export async function recordMilestone(
  db: Db,
  incidentId: string,
  milestone: 'first_accept_at' | 'on_scene_at',
  at: string,
): Promise<void> {
  await db
    .updateTable('incidents')
    .set((eb) => ({ [milestone]: at, version: eb('version', '+', 1) }))
    .where('id', '=', incidentId)
    .where(milestone, 'is', null)
    .execute();
}

/** The newest 100 incidents someone accepted or verified, with their milestone times (response-time dashboard). */
export async function responseTimesOf(db: Db, networkId: string) {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'first_reported_at', 'first_accept_at', 'on_scene_at', 'verified_at'])
    .where('network_id', '=', networkId)
    .where((eb) => eb.or([eb('first_accept_at', 'is not', null), eb('verified_at', 'is not', null)]))
    .orderBy('first_reported_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    firstReportedAt: r.first_reported_at as string | Date,
    firstAcceptAt: r.first_accept_at as string | Date | null,
    onSceneAt: r.on_scene_at as string | Date | null,
    verifiedAt: r.verified_at as string | Date | null,
  }));
}

/** Delete a network's raw reports created before `cutoff`; returns how many. */
export async function deleteReportsBefore(db: Db, networkId: string, cutoff: string): Promise<number> {
  const r = await db
    .deleteFrom('reports')
    .where('network_id', '=', networkId)
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Incidents first reported before `cutoff` whose location is still precise. */
export async function listIncidentsToCoarsen(db: Db, keyring: Keyring, networkId: string, cutoff: string) {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'lat', 'lng', 'point_enc'])
    .where('network_id', '=', networkId)
    .where('coarsened', '=', 0)
    .where('first_reported_at', '<', cutoff)
    .execute();
  // Sealed, the point cannot be opened nor a blurred one sealed: the incident keeps its cell only.
  return rows.map((r) => ({ id: r.id, point: keyring.sealed ? null : openPoint(keyring, r.point_enc, r) }));
}

/** Replace an incident's location by a blurred point (sealed, or none) and drop its location text. */
export async function coarsenIncident(
  db: Db,
  keyring: Keyring,
  id: string,
  point: { lat: number; lng: number } | null,
): Promise<void> {
  await db
    .updateTable('incidents')
    .set({ ...sealedIncidentColumns(keyring, { point, locationText: null }), coarsened: 1 })
    .where('id', '=', id)
    .execute();
}
