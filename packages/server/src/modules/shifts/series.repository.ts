import type { Kysely, Transaction } from 'kysely';
import { fromJson, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import type { ShiftSeriesTable } from '../../db/schema-shifts.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A series row, decoded. */
export interface SeriesRow {
  id: string;
  networkId: string;
  siteId: string;
  title: string;
  startDate: string;
  startTime: string;
  endTime: string;
  rrule: string | null;
  exceptions: string[];
  cancelCutoffHours: number;
  noShowGraceMinutes: number;
  reminderMinutes: number[];
  materializedUntil: string;
  /** Local date: no occurrence on or after it. */
  endsBefore: string | null;
  continuesSeriesId: string | null;
}

/** One series of the network. */
export async function findSeries(db: Db, networkId: string, seriesId: string): Promise<SeriesRow | undefined> {
  const r = await db
    .selectFrom('shift_series')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
  return r && toSeries(r);
}

function toSeries(r: ShiftSeriesTable): SeriesRow {
  return {
    id: r.id,
    networkId: r.network_id,
    siteId: r.site_id,
    title: r.title,
    startDate: r.start_date,
    startTime: r.start_time,
    endTime: r.end_time,
    rrule: r.rrule,
    exceptions: fromJson<string[]>(r.exceptions),
    cancelCutoffHours: Number(r.cancel_cutoff_hours),
    noShowGraceMinutes: Number(r.no_show_grace_minutes),
    reminderMinutes: fromJson<number[]>(r.reminder_minutes),
    materializedUntil: toIso(r.materialized_until),
    endsBefore: r.ends_before,
    continuesSeriesId: r.continues_series_id,
  };
}

/** A slot row, decoded. */
export interface SlotRow {
  id: string;
  seriesId: string;
  position: number;
  label: string | null;
  peopleNeeded: number;
  courseId: string | null;
}

/** Slots of some series, in order. */
export async function slotsOfSeries(db: Db, seriesIds: string[]): Promise<SlotRow[]> {
  if (seriesIds.length === 0) return [];
  const out: SlotRow[] = [];
  for (let i = 0; i < seriesIds.length; i += 500) {
    const rows = await db
      .selectFrom('shift_slots')
      .selectAll()
      .where('series_id', 'in', seriesIds.slice(i, i + 500))
      .orderBy('series_id')
      .orderBy('position')
      .execute();
    out.push(
      ...rows.map((r) => ({
        id: r.id,
        seriesId: r.series_id,
        position: Number(r.position),
        label: r.label,
        peopleNeeded: Number(r.people_needed),
        courseId: r.course_id,
      })),
    );
  }
  return out;
}

/** A new series: timing, rules, and where it continues from (an edit) or null. */
export interface NewSeries {
  id: string;
  networkId: string;
  siteId: string;
  title: string;
  startDate: string;
  startTime: string;
  endTime: string;
  rrule: string | null;
  exceptions: readonly string[];
  cancelCutoffHours: number;
  noShowGraceMinutes: number;
  reminderMinutes: readonly number[];
  materializedUntil: string;
  createdBy: string;
  createdAt: string;
  endsBefore: string | null;
  continuesSeriesId: string | null;
}

/** Open-ended recurring series whose dates run out before `before`: what the horizon job extends (one query). */
export async function seriesDueForHorizon(db: Db, before: string): Promise<SeriesRow[]> {
  const rows = await db
    .selectFrom('shift_series')
    .selectAll()
    .where('rrule', 'is not', null)
    .where('ends_before', 'is', null)
    .where('materialized_until', '<', before)
    .execute();
  return rows.map(toSeries);
}

/** Insert a series (JSON lists stored as given: the caller sorts them). */
export async function insertSeries(trx: Db, s: NewSeries): Promise<void> {
  await trx
    .insertInto('shift_series')
    .values({
      id: s.id,
      network_id: s.networkId,
      site_id: s.siteId,
      title: s.title,
      start_date: s.startDate,
      start_time: s.startTime,
      end_time: s.endTime,
      rrule: s.rrule,
      exceptions: JSON.stringify(s.exceptions),
      cancel_cutoff_hours: s.cancelCutoffHours,
      no_show_grace_minutes: s.noShowGraceMinutes,
      reminder_minutes: JSON.stringify(s.reminderMinutes),
      materialized_until: s.materializedUntil,
      created_by: s.createdBy,
      created_at: s.createdAt,
      // Written on every insert (null for a new shift) so both callers share one statement.
      ends_before: s.endsBefore,
      continues_series_id: s.continuesSeriesId,
    })
    .execute();
}

/** Insert the slots of a series, in one statement. */
export async function insertSlots(trx: Db, networkId: string, slots: SlotRow[]): Promise<void> {
  await trx
    .insertInto('shift_slots')
    .values(
      slots.map((s) => ({
        id: s.id,
        series_id: s.seriesId,
        network_id: networkId,
        position: s.position,
        label: s.label,
        people_needed: s.peopleNeeded,
        course_id: s.courseId,
      })),
    )
    .execute();
}

/** Record how far ahead a series' occurrences now exist. */
export async function setMaterializedUntil(trx: Db, seriesId: string, until: string): Promise<void> {
  await trx.updateTable('shift_series').set({ materialized_until: until }).where('id', '=', seriesId).execute();
}

/** Replace a series' skipped dates. */
export async function setSeriesExceptions(trx: Db, seriesId: string, exceptions: readonly string[]): Promise<void> {
  await trx
    .updateTable('shift_series')
    .set({ exceptions: JSON.stringify(exceptions) })
    .where('id', '=', seriesId)
    .execute();
}

/** End a series before a local date (an edit continues it), keeping only the skipped dates before it. */
export async function endSeries(trx: Db, seriesId: string, endsBefore: string, exceptions: readonly string[]): Promise<void> {
  await trx
    .updateTable('shift_series')
    .set({ ends_before: endsBefore, exceptions: JSON.stringify(exceptions) })
    .where('id', '=', seriesId)
    .execute();
}

/**
 * The series of a site, newest start first, at most 200. A series an edit emptied
 * entirely (all its dates moved on) is left out: it is not worth showing.
 */
export async function seriesOfSite(
  db: Db,
  networkId: string,
  siteId: string,
): Promise<{ id: string; endsBefore: string | null }[]> {
  const rows = await db
    .selectFrom('shift_series as se')
    .select(['se.id', 'se.ends_before', 'se.start_date'])
    .where('se.network_id', '=', networkId)
    .where('se.site_id', '=', siteId)
    .where((eb) =>
      eb.or([
        eb('se.ends_before', 'is', null),
        eb.exists(eb.selectFrom('shift_occurrences as o').select('o.id').whereRef('o.series_id', '=', 'se.id')),
      ]),
    )
    .orderBy('se.start_date', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, endsBefore: r.ends_before }));
}
