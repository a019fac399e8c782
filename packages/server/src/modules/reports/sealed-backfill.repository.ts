// Rows written before reports' words and points were sealed (migration 2026-12-04T0011),
// and timeline entries that copied a place in words:
// moved into their sealed columns, batch by batch, once the key is loaded; the plain copies
// are then emptied (SQLite's secure_delete overwrites the freed bytes).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { sealedIncidentColumns, sealedReportColumns } from './report-rows.ts';
import { SEALED_DETAIL_FIELDS, sealDetail } from './sealed-fields.ts';

/** How many rows one batch seals, so sealing never holds a long transaction. */
const BATCH = 200;

type Plain = Record<string, string | number | null>;

/**
 * The conditions that the row is still as it was read: text columns equal (or still null),
 * numbers still set or unset. A newer write empties the plain columns, so it never matches.
 */
function asRead(row: Plain, columns: readonly string[]) {
  return columns.map((c) => {
    const v = row[c];
    if (v == null) return [c, 'is', null] as const;
    return typeof v === 'number' ? ([c, 'is not', null] as const) : ([c, '=', v] as const);
  });
}

const point = (r: Plain) => (r.lat != null && r.lng != null ? { lat: Number(r.lat), lng: Number(r.lng) } : undefined);
const text = (v: string | number | null) => (v == null ? undefined : String(v));

/**
 * Seal one batch of plaintext left in reports, incidents and placed-timeline entries; returns
 * how many rows were sealed (0: nothing is left). Each field is sealed only if its plain column
 * still holds a value, so a sealed value written since is never overwritten.
 */
export async function sealPlaintextBatch(db: Kysely<DB>, keyring: Keyring): Promise<number> {
  let done = 0;
  const reportPlain = ['location_text', 'description', 'lat', 'lng'] as const;
  const reports = await db
    .selectFrom('reports')
    .select(['id', ...reportPlain])
    .where((eb) => eb.or(reportPlain.map((c) => eb(c, 'is not', null))))
    .limit(BATCH)
    .execute();
  for (const r of reports) {
    const set = sealedReportColumns(keyring, {
      locationText: text(r.location_text),
      description: text(r.description),
      point: point(r),
    });
    // A lone lat or lng is no point: emptied all the same.
    Object.assign(set, { lat: null, lng: null, location_text: null, description: null });
    let q = db.updateTable('reports').set(set).where('id', '=', r.id);
    for (const [c, op, v] of asRead(r, reportPlain)) q = q.where(c as (typeof reportPlain)[number], op, v as never);
    await q.execute();
    done++;
  }
  const incidentPlain = ['location_text', 'place_name', 'lat', 'lng'] as const;
  const incidents = await db
    .selectFrom('incidents')
    .select(['id', ...incidentPlain])
    .where((eb) => eb.or(incidentPlain.map((c) => eb(c, 'is not', null))))
    .limit(BATCH)
    .execute();
  for (const i of incidents) {
    const set = sealedIncidentColumns(keyring, {
      locationText: text(i.location_text),
      placeName: text(i.place_name),
      point: point(i),
    });
    Object.assign(set, { lat: null, lng: null, location_text: null, place_name: null });
    let q = db.updateTable('incidents').set(set).where('id', '=', i.id);
    for (const [c, op, v] of asRead(i, incidentPlain)) q = q.where(c as (typeof incidentPlain)[number], op, v as never);
    await q.execute();
    done++;
  }
  for (const [kind, fields] of Object.entries(SEALED_DETAIL_FIELDS)) {
    const events = await db
      .selectFrom('incident_events')
      .select(['id', 'detail'])
      .where('kind', '=', kind)
      .where('detail_enc', 'is', null)
      .limit(BATCH)
      .execute();
    for (const e of events) {
      const { detail, detailEnc } = sealDetail(keyring, JSON.parse(e.detail) as Record<string, unknown>, fields);
      await db
        .updateTable('incident_events')
        .set({ detail: JSON.stringify(detail), detail_enc: detailEnc })
        .where('id', '=', e.id)
        .where('detail_enc', 'is', null)
        .execute();
      done++;
    }
  }
  return done;
}
