import type SQLite from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB, IncidentsTable } from '../../db/schema.ts';
import * as repo from './reports.repository.ts';

type ReportInsert = Parameters<typeof repo.insertReport>[1];
type IncidentInsert = Parameters<typeof repo.insertIncident>[1];
type EventInsert = Parameters<typeof repo.insertIncidentEvent>[1];
type Box = { minLat: number; maxLat: number; minLng: number; maxLng: number };

/** The writes intake makes, so the hot path can use prepared statements where the engine allows. */
export interface IntakeStore {
  findByKey(networkId: string, key: { idempotencyKey?: string; smsMessageSid?: string }): Promise<{ receiptCode: string; language: string; receivedAt: string } | undefined>;
  candidates(networkId: string, box: Box, since: string): Promise<repo.IncidentRow[]>;
  insertIncident(row: IncidentInsert): Promise<void>;
  bumpIncident(id: string, set: { report_count: number; trusted_reports: number; last_reported_at: string; updated_at: string }): Promise<void>;
  insertReport(row: ReportInsert): Promise<void>;
  insertEvent(row: EventInsert): Promise<void>;
}

/** Run one batch in one transaction; on SQLite with cached prepared statements, elsewhere through Kysely. */
export async function inIntakeTransaction<T>(database: Database, work: (store: IntakeStore) => Promise<T>): Promise<T> {
  if (database.sqlite) {
    const sqlite = database.sqlite;
    // Holding Kysely's only connection keeps every other query out of this transaction.
    return database.db.connection().execute(async () => {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(sqliteStore(sqlite));
        sqlite.exec('COMMIT');
        return result;
      } catch (err) {
        sqlite.exec('ROLLBACK');
        throw err;
      }
    });
  }
  return database.db.transaction().execute((trx) => work(kyselyStore(trx)));
}

function kyselyStore(trx: Transaction<DB>): IntakeStore {
  return {
    findByKey: (networkId, key) => repo.findReportByKey(trx, networkId, key),
    candidates: (networkId, box, since) => repo.findClusterCandidates(trx, networkId, box, since),
    insertIncident: (row) => repo.insertIncident(trx, row),
    bumpIncident: async (id, set) => {
      await repo.updateIncident(trx, id, set);
    },
    insertReport: (row) => repo.insertReport(trx, row),
    insertEvent: (row) => repo.insertIncidentEvent(trx, row),
  };
}

const statements = new WeakMap<SQLite.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: SQLite.Database) {
  return {
    byKey: sqlite.prepare('select receipt_code, language, created_at from reports where network_id = ? and idempotency_key = ?'),
    bySid: sqlite.prepare('select receipt_code, language, created_at from reports where network_id = ? and sms_message_sid = ?'),
    candidates: sqlite.prepare(
      `select * from incidents where network_id = ? and status in ('new','verifying','verified','unconfirmed')
       and last_reported_at >= ? and lat >= ? and lat <= ? and lng >= ? and lng <= ?`,
    ),
    insertIncident: sqlite.prepare(
      `insert into incidents (id, network_id, status, category, location_text, lat, lng, cell, report_count, trusted_reports,
       first_reported_at, last_reported_at, coarsened, version, created_at, updated_at)
       values (@id, @network_id, @status, @category, @location_text, @lat, @lng, @cell, @report_count, @trusted_reports,
       @first_reported_at, @last_reported_at, 0, 1, @now, @now)`,
    ),
    bumpIncident: sqlite.prepare(
      'update incidents set report_count = @report_count, trusted_reports = @trusted_reports, last_reported_at = @last_reported_at, updated_at = @updated_at, version = version + 1 where id = @id',
    ),
    insertReport: sqlite.prepare(
      `insert into reports (id, network_id, incident_id, source, category, location_text, lat, lng, observed_at, description, language,
       contact_enc, receipt_code, idempotency_key, sms_message_sid, reporter_account_id, trusted, needs_structuring, photo_enc, created_at)
       values (@id, @network_id, @incident_id, @source, @category, @location_text, @lat, @lng, @observed_at, @description, @language,
       @contact_enc, @receipt_code, @idempotency_key, @sms_message_sid, @reporter_account_id, @trusted, @needs_structuring, @photo_enc, @created_at)`,
    ),
    insertEvent: sqlite.prepare('insert into incident_events (id, incident_id, network_id, kind, actor_id, detail, created_at) values (?, ?, ?, ?, ?, ?, ?)'),
  };
}

/**
 * The same writes as kyselyStore, as prepared statements: Kysely compiles and prepares each
 * query anew, which costs more than the write itself on this path (see ARCHITECTURE.md).
 */
function sqliteStore(sqlite: SQLite.Database): IntakeStore {
  let s = statements.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    statements.set(sqlite, s);
  }
  const st = s;
  return {
    findByKey: async (networkId, key) => {
      const row = (key.idempotencyKey ? st.byKey.get(networkId, key.idempotencyKey) : key.smsMessageSid ? st.bySid.get(networkId, key.smsMessageSid) : undefined) as
        | { receipt_code: string; language: string; created_at: string }
        | undefined;
      return row && { receiptCode: row.receipt_code, language: row.language, receivedAt: new Date(row.created_at).toISOString() };
    },
    candidates: async (networkId, box, since) =>
      (st.candidates.all(networkId, since, box.minLat, box.maxLat, box.minLng, box.maxLng) as IncidentsTable[]).map(repo.toIncident),
    insertIncident: async (i) => {
      st.insertIncident.run({
        id: i.id, network_id: i.networkId, status: i.status, category: i.category, location_text: i.locationText, lat: i.lat, lng: i.lng, cell: i.cell,
        report_count: i.reportCount, trusted_reports: i.trustedReports, first_reported_at: i.firstReportedAt, last_reported_at: i.lastReportedAt, now: i.now,
      });
    },
    bumpIncident: async (id, set) => {
      st.bumpIncident.run({ id, ...set });
    },
    insertReport: async (r) => {
      st.insertReport.run({
        id: r.id, network_id: r.networkId, incident_id: r.incidentId, source: r.source, category: r.category, location_text: r.locationText, lat: r.lat, lng: r.lng,
        observed_at: r.observedAt, description: r.description, language: r.language, contact_enc: r.contactEnc, receipt_code: r.receiptCode,
        idempotency_key: r.idempotencyKey, sms_message_sid: r.smsMessageSid, reporter_account_id: r.reporterAccountId, trusted: r.trusted ? 1 : 0,
        needs_structuring: r.needsStructuring ? 1 : 0, photo_enc: r.photoEnc, created_at: r.now,
      });
    },
    insertEvent: async (e) => {
      st.insertEvent.run(e.id, e.incidentId, e.networkId, e.kind, e.actorId, JSON.stringify(e.detail), e.now);
    },
  };
}
