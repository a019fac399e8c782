import type SQLite from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { toIso } from '../../db/rows.ts';
import type { DB, IncidentsTable } from '../../db/schema.ts';
import { sqliteDurability } from './intake-durability.ts';
import * as repo from './reports.repository.ts';

type Box = { minLat: number; maxLat: number; minLng: number; maxLng: number };

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
export type IncidentInsert = repo.IncidentRow & { now: string };

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

/** A report as written (contact and photo already encrypted). */
export type ReportInsert = Omit<repo.ReportRow, 'createdAt'> & {
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
}

/**
 * The reads and writes of one group commit. A batch asks a handful of set-wide questions
 * and makes one write, so its cost on PostgreSQL is a few round trips, not a few per report.
 */
export interface IntakeStore {
  /** For each key, the report already filed under it, if any. */
  findExisting(keys: IntakeKey[]): Promise<(ExistingReport | undefined)[]>;
  /** Open incidents of a network inside a box whose last report is at or after `since`. */
  candidates(networkId: string, box: Box, since: string): Promise<repo.IncidentRow[]>;
  write(writes: IntakeWrites): Promise<void>;
}

/** A committed batch: its result, and when it is on disk (acknowledge nothing before). */
export interface Committed<T> {
  result: T;
  durable: Promise<void>;
}

/**
 * Run one batch in one transaction; on SQLite with cached prepared statements and the
 * log fsync taken off the event loop (intake-durability.ts), elsewhere through Kysely
 * (PostgreSQL commits with synchronous_commit=on: durable when COMMIT returns).
 */
export async function inIntakeTransaction<T>(
  database: Database,
  work: (store: IntakeStore) => Promise<T>,
): Promise<Committed<T>> {
  if (database.sqlite) {
    const sqlite = database.sqlite;
    const durability = sqliteDurability(sqlite);
    // Holding Kysely's only connection keeps every other query out of this transaction.
    const result = await database.db.connection().execute(() =>
      durability.withoutCommitSync(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const r = await work(sqliteStore(sqlite));
          sqlite.exec('COMMIT');
          return r;
        } catch (err) {
          sqlite.exec('ROLLBACK');
          throw err;
        }
      }),
    );
    return { result, durable: durability.afterCommit() };
  }
  const result = await database.db.transaction().execute((trx) => work(kyselyStore(trx)));
  return { result, durable: Promise.resolve() };
}

function reportColumns(r: ReportInsert) {
  return {
    id: r.id,
    network_id: r.networkId,
    incident_id: r.incidentId,
    source: r.source,
    category: r.category,
    location_text: r.locationText,
    lat: r.lat,
    lng: r.lng,
    observed_at: r.observedAt,
    description: r.description,
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

function kyselyStore(trx: Transaction<DB>): IntakeStore {
  return {
    findExisting: async (keys) => {
      const byKey = keys.filter((k) => k.idempotencyKey);
      const bySid = keys.filter((k) => !k.idempotencyKey && k.smsMessageSid);
      if (byKey.length + bySid.length === 0) return keys.map(() => undefined);
      const found = new Map<string, ExistingReport>();
      // One query per kind of key; the unique (network_id, key) indexes answer both.
      if (byKey.length) {
        const rows = await trx
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
        const rows = await trx
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
      return keys.map((k) =>
        found.get(k.idempotencyKey ? `${k.networkId} k ${k.idempotencyKey}` : `${k.networkId} s ${k.smsMessageSid}`),
      );
    },
    candidates: (networkId, box, since) => repo.findClusterCandidates(trx, networkId, box, since),
    write: async (w) => {
      if (w.incidents.length) await trx.insertInto('incidents').values(w.incidents.map(repo.incidentColumns)).execute();
      for (const b of w.bumps) {
        await trx
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
      if (w.reports.length) await trx.insertInto('reports').values(w.reports.map(reportColumns)).execute();
      if (w.events.length) await trx.insertInto('incident_events').values(w.events.map(eventColumns)).execute();
    },
  };
}

const statements = new WeakMap<SQLite.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: SQLite.Database) {
  return {
    byKey: sqlite.prepare('select receipt_code, language, created_at from reports where network_id = ? and idempotency_key = ?'),
    bySid: sqlite.prepare('select receipt_code, language, created_at from reports where network_id = ? and sms_message_sid = ?'),
    candidates: sqlite.prepare(
      `select * from incidents where network_id = ? and status in (${repo.OPEN_STATUSES.map((s) => `'${s}'`).join(',')})
       and last_reported_at >= ? and lat >= ? and lat <= ? and lng >= ? and lng <= ?`,
    ),
    insertIncident: sqlite.prepare(
      `insert into incidents (id, network_id, status, category, location_text, lat, lng, cell, report_count, trusted_reports,
       first_reported_at, last_reported_at, coarsened, version, created_at, updated_at)
       values (@id, @network_id, @status, @category, @location_text, @lat, @lng, @cell, @report_count, @trusted_reports,
       @first_reported_at, @last_reported_at, @coarsened, @version, @created_at, @updated_at)`,
    ),
    bumpIncident: sqlite.prepare(
      'update incidents set report_count = @report_count, trusted_reports = @trusted_reports, last_reported_at = @last_reported_at, updated_at = @updated_at, version = version + @added where id = @id',
    ),
    insertReport: sqlite.prepare(
      `insert into reports (id, network_id, incident_id, source, category, location_text, lat, lng, observed_at, description, language,
       contact_enc, receipt_code, idempotency_key, sms_message_sid, reporter_account_id, trusted, needs_structuring, photo_enc, created_at)
       values (@id, @network_id, @incident_id, @source, @category, @location_text, @lat, @lng, @observed_at, @description, @language,
       @contact_enc, @receipt_code, @idempotency_key, @sms_message_sid, @reporter_account_id, @trusted, @needs_structuring, @photo_enc, @created_at)`,
    ),
    insertEvent: sqlite.prepare(
      'insert into incident_events (id, incident_id, network_id, kind, actor_id, detail, created_at) values (@id, @incident_id, @network_id, @kind, @actor_id, @detail, @created_at)',
    ),
  };
}

/**
 * The same reads and writes as kyselyStore, as prepared statements: Kysely compiles and
 * prepares each query anew, which costs more than the write itself on this path (see
 * ARCHITECTURE.md). On SQLite a statement is a function call, so rows go one by one.
 */
function sqliteStore(sqlite: SQLite.Database): IntakeStore {
  let s = statements.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    statements.set(sqlite, s);
  }
  const st = s;
  return {
    findExisting: async (keys) =>
      keys.map((k) => {
        const row = (
          k.idempotencyKey
            ? st.byKey.get(k.networkId, k.idempotencyKey)
            : k.smsMessageSid
              ? st.bySid.get(k.networkId, k.smsMessageSid)
              : undefined
        ) as { receipt_code: string; language: string; created_at: string } | undefined;
        return row && { receiptCode: row.receipt_code, language: row.language, receivedAt: toIso(row.created_at) };
      }),
    candidates: async (networkId, box, since) =>
      (st.candidates.all(networkId, since, box.minLat, box.maxLat, box.minLng, box.maxLng) as IncidentsTable[]).map(
        repo.toIncident,
      ),
    write: async (w) => {
      for (const i of w.incidents) st.insertIncident.run(repo.incidentColumns(i));
      for (const b of w.bumps) {
        st.bumpIncident.run({
          id: b.id,
          report_count: b.reportCount,
          trusted_reports: b.trustedReports,
          last_reported_at: b.lastReportedAt,
          updated_at: b.updatedAt,
          added: b.added,
        });
      }
      for (const r of w.reports) st.insertReport.run(reportColumns(r));
      for (const e of w.events) st.insertEvent.run(eventColumns(e));
    },
  };
}
