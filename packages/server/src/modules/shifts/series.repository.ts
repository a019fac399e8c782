import type { Kysely, Transaction } from 'kysely';
import { fromJson, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

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
  return (
    r && {
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
    }
  );
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
