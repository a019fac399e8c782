import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import * as repo from './reports.repository.ts';
import * as rows from './report-rows.ts';
import { deleteHeld, findHeldByDedupe } from './sealed-intake.repository.ts';
import { sealPoint, sealText } from './sealed-fields.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A report a replay may already have filed: by idempotency key or by SMS id. */
export interface IntakeKey {
  networkId: string;
  idempotencyKey?: string;
  smsMessageSid?: string;
}

/** The receipt of a report filed earlier. */
export interface ExistingReport {
  receiptCode: string;
  language: string;
  receivedAt: string;
}

/** A new incident as written: its final state after every report of the batch. */
export type IncidentInsert = rows.IncidentRow & { now: string };

/** An existing incident that took `added` reports in this batch. */
export interface IncidentBump {
  id: string;
  reportCount: number;
  trustedReports: number;
  lastReportedAt: string;
  updatedAt: string;
  /** Reports it took in this batch: its version moves by as many, as if written one by one. */
  added: number;
}

/** A report as written (contact and photo already encrypted; its words and point are sealed as they are written). */
export type ReportInsert = Omit<rows.ReportRow, 'createdAt'> & {
  idempotencyKey: string | null;
  smsMessageSid: string | null;
  reporterAccountId: string | null;
  photoEnc: string | null;
  now: string;
};

/** A timeline entry as written. */
export type EventInsert = {
  id: string;
  incidentId: string;
  networkId: string;
  kind: string;
  actorId: string | null;
  detail: Record<string, unknown>;
  now: string;
};

/** Everything one batch writes, in the order foreign keys need. */
export interface IntakeWrites {
  incidents: IncidentInsert[];
  bumps: IncidentBump[];
  reports: ReportInsert[];
  events: EventInsert[];
  /** Ids of held reports (sealed_intake) this batch filed: deleted with the write. */
  released: string[];
}

/**
 * The reads and writes of one group commit, for both dialects. A batch asks a handful of
 * set-wide questions and makes one write. On PostgreSQL each is one statement (multi-row,
 * `in` lists): a round trip costs more than a row. On SQLite there are no round trips but
 * every distinct SQL text is prepared anew, so rows go one by one through statements of
 * one shape, which the statement cache keeps (db/statement-cache.ts).
 */
export interface IntakeStore {
  /** For each key, the report already filed under it, if any. */
  findExisting(keys: IntakeKey[]): Promise<(ExistingReport | undefined)[]>;
  /** The receipt of a report held while sealed under a dedupe hash (not filed yet), if any. */
  findHeld(networkId: string, dedupeHash: string): Promise<{ receiptCode: string; receivedAt: string } | undefined>;
  /** Open incidents of a network in any of these coarse cells whose last report is at or after `since` (points only). */
  candidates(networkId: string, cells: readonly string[], since: string): Promise<repo.ClusterCandidate[]>;
  /** Whole incidents of a network, by id. */
  incidents(networkId: string, ids: readonly string[]): Promise<rows.IncidentRow[]>;
  /** Open incidents of a network with no point whose last report is at or after `since`. */
  unplacedCandidates(networkId: string, since: string): Promise<rows.IncidentRow[]>;
  write(writes: IntakeWrites): Promise<void>;
}

/** The intake store over a connection or transaction of the given dialect; it seals what it writes and opens what it reads. */
export function intakeStore(db: Db, dialect: Dialect, keyring: Keyring): IntakeStore {
  const perRow = dialect === 'sqlite';
  return {
    findExisting: (keys) => (perRow ? findExistingOneByOne(db, keys) : findExistingAtOnce(db, keys)),
    findHeld: (networkId, dedupeHash) => findHeldByDedupe(db, networkId, dedupeHash),
    candidates: (networkId, cells, since) => repo.findClusterCandidates(db, keyring, networkId, cells, since),
    incidents: async (networkId, ids) => {
      // One statement shape per row on SQLite (kept prepared), one `in` list on PostgreSQL.
      if (!perRow) return repo.findIncidents(db, keyring, networkId, ids);
      const out: rows.IncidentRow[] = [];
      for (const id of ids) {
        const i = await repo.findIncident(db, keyring, networkId, id);
        if (i) out.push(i);
      }
      return out;
    },
    unplacedCandidates: (networkId, since) => repo.findUnplacedCandidates(db, keyring, networkId, since),
    write: async (w) => {
      await insertRows(
        db,
        'incidents',
        w.incidents.map((i) => rows.incidentColumns(keyring, i)),
        perRow,
      );
      for (const b of w.bumps) await bumpIncident(db, b);
      await insertRows(
        db,
        'reports',
        w.reports.map((r) => reportColumns(keyring, r)),
        perRow,
      );
      await insertRows(db, 'incident_events', w.events.map(eventColumns), perRow);
      if (w.released.length > 0) await deleteHeld(db, w.released);
    },
  };
}

/** Insert rows into one of intake's tables: one statement on PostgreSQL, row by row on SQLite. */
async function insertRows(
  db: Db,
  table: 'incidents' | 'reports' | 'incident_events',
  rows: Record<string, unknown>[],
  perRow: boolean,
): Promise<void> {
  if (rows.length === 0) return;
  // The three tables' column types differ; each caller's columns come from a typed mapper.
  if (!perRow)
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
  else
    for (const row of rows)
      await db
        .insertInto(table)
        .values(row as never)
        .execute();
}

async function bumpIncident(db: Db, b: IncidentBump): Promise<void> {
  await db
    .updateTable('incidents')
    .set((eb) => ({
      report_count: b.reportCount,
      trusted_reports: b.trustedReports,
      last_reported_at: b.lastReportedAt,
      updated_at: b.updatedAt,
      version: eb('version', '+', b.added),
    }))
    .where('id', '=', b.id)
    .execute();
}

const keyOf = (k: IntakeKey) =>
  k.idempotencyKey ? `${k.networkId} k ${k.idempotencyKey}` : `${k.networkId} s ${k.smsMessageSid}`;

async function findExistingOneByOne(db: Db, keys: IntakeKey[]): Promise<(ExistingReport | undefined)[]> {
  // One statement per kind of key, compiled once per batch and run per report (see insertRows).
  const base = db.selectFrom('reports').select(['receipt_code', 'language', 'created_at']).where('network_id', '=', '');
  const byKey = base.where('idempotency_key', '=', '').compile().sql;
  const bySid = base.where('sms_message_sid', '=', '').compile().sql;
  const out: (ExistingReport | undefined)[] = [];
  for (const k of keys) {
    const value = k.idempotencyKey ?? k.smsMessageSid;
    if (!value) {
      out.push(undefined);
      continue;
    }
    const query = CompiledQuery.raw(k.idempotencyKey ? byKey : bySid, [k.networkId, value]);
    const [r] = (await db.executeQuery<{ receipt_code: string; language: string; created_at: string }>(query)).rows;
    out.push(r && { receiptCode: r.receipt_code, language: r.language, receivedAt: toIso(r.created_at) });
  }
  return out;
}

async function findExistingAtOnce(db: Db, keys: IntakeKey[]): Promise<(ExistingReport | undefined)[]> {
  const byKey = keys.filter((k) => k.idempotencyKey);
  const bySid = keys.filter((k) => !k.idempotencyKey && k.smsMessageSid);
  if (byKey.length + bySid.length === 0) return keys.map(() => undefined);
  const found = new Map<string, ExistingReport>();
  // One query per kind of key; the unique (network_id, key) indexes answer both.
  if (byKey.length) {
    const rows = await db
      .selectFrom('reports')
      .select(['network_id', 'idempotency_key', 'receipt_code', 'language', 'created_at'])
      .where('network_id', 'in', [...new Set(byKey.map((k) => k.networkId))])
      .where('idempotency_key', 'in', [...new Set(byKey.map((k) => k.idempotencyKey as string))])
      .execute();
    for (const r of rows)
      found.set(`${r.network_id} k ${r.idempotency_key}`, {
        receiptCode: r.receipt_code,
        language: r.language,
        receivedAt: toIso(r.created_at),
      });
  }
  if (bySid.length) {
    const rows = await db
      .selectFrom('reports')
      .select(['network_id', 'sms_message_sid', 'receipt_code', 'language', 'created_at'])
      .where('network_id', 'in', [...new Set(bySid.map((k) => k.networkId))])
      .where('sms_message_sid', 'in', [...new Set(bySid.map((k) => k.smsMessageSid as string))])
      .execute();
    for (const r of rows)
      found.set(`${r.network_id} s ${r.sms_message_sid}`, {
        receiptCode: r.receipt_code,
        language: r.language,
        receivedAt: toIso(r.created_at),
      });
  }
  return keys.map((k) => found.get(keyOf(k)));
}

function reportColumns(keyring: Keyring, r: ReportInsert) {
  return {
    id: r.id,
    network_id: r.networkId,
    incident_id: r.incidentId,
    source: r.source,
    category: r.category,
    location_text_enc: sealText(keyring, 'address', r.locationText),
    point_enc: sealPoint(keyring, rows.pointOfRow(r)),
    place_id: r.placeId,
    observed_at: r.observedAt,
    description_enc: sealText(keyring, 'report', r.description),
    language: r.language,
    contact_enc: r.contactEnc,
    receipt_code: r.receiptCode,
    idempotency_key: r.idempotencyKey,
    sms_message_sid: r.smsMessageSid,
    reporter_account_id: r.reporterAccountId,
    trusted: r.trusted ? 1 : 0,
    needs_structuring: r.needsStructuring ? 1 : 0,
    photo_enc: r.photoEnc,
    created_at: r.now,
  };
}

// Intake's timeline entries (report_added) name no place: their detail stays plain.
function eventColumns(e: EventInsert) {
  return {
    id: e.id,
    incident_id: e.incidentId,
    network_id: e.networkId,
    kind: e.kind,
    actor_id: e.actorId,
    detail: JSON.stringify(e.detail),
    created_at: e.now,
  };
}

/**
 * The status of the incident a receipt code's report belongs to; `null` when the report
 * has no incident yet, undefined when no report has that code. The unique
 * (network_id, receipt_code) index answers it.
 */
export async function incidentStatusByReceipt(
  db: Db,
  networkId: string,
  receiptCode: string,
): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('reports')
    .leftJoin('incidents', 'incidents.id', 'reports.incident_id')
    .select('incidents.status')
    .where('reports.network_id', '=', networkId)
    .where('reports.receipt_code', '=', receiptCode)
    .executeTakeFirst();
  return row ? (row.status ?? null) : undefined;
}
