import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/**
 * The reports module's columns kept in the clear, and why (its face's `plainColumns`). Every
 * other column of its tables is a ciphertext listed in `encryptedColumns`.
 *
 * Deliberately in neither list yet: reports.location_text, reports.lat/lng, reports.description,
 * incidents.location_text, incidents.lat/lng, incidents.place_name and incident_events.detail.
 * They hold people's words and places in the clear today and are being moved to `_enc` columns
 * (issue 10); until then the registry and cold-copy tests fail naming them, as they should.
 */
export const REPORTS_PLAIN_COLUMNS: PlainColumns = {
  'incident_events.id': 'id',
  'incident_events.incident_id': 'id',
  'incident_events.network_id': 'id',
  'incident_events.kind': 'status',
  'incident_events.actor_id': 'id',
  'incident_events.created_at': 'timestamp',
  'incidents.id': 'id',
  'incidents.network_id': 'id',
  'incidents.status': 'status',
  'incidents.category': 'status',
  'incidents.cell': 'coarse cell: resolution 7',
  'incidents.report_count': 'count',
  'incidents.trusted_reports': 'count',
  'incidents.first_reported_at': 'timestamp',
  'incidents.last_reported_at': 'timestamp',
  'incidents.verified_at': 'timestamp',
  'incidents.verification_reason': 'status',
  'incidents.first_accept_at': 'timestamp',
  'incidents.on_scene_at': 'timestamp',
  'incidents.closed_at': 'timestamp',
  'incidents.coarsened': 'flag',
  'incidents.lock_account_id': 'id',
  'incidents.lock_expires_at': 'timestamp',
  'incidents.version': 'count',
  'incidents.created_at': 'timestamp',
  'incidents.updated_at': 'timestamp',
  'incidents.place_id': 'id',
  'incidents.area_name': 'gazetteer: the neighbourhood (as coarse as the cell)',
  'reports.id': 'id',
  'reports.network_id': 'id',
  'reports.incident_id': 'id',
  'reports.source': 'status',
  'reports.category': 'status',
  'reports.observed_at': 'timestamp',
  'reports.language': 'status',
  'reports.receipt_code': 'token: 40 random bits the reporter holds',
  'reports.idempotency_key': "token: chosen by the reporter's client for retries",
  'reports.sms_message_sid': "id: Twilio's message id",
  'reports.reporter_account_id': 'id',
  'reports.trusted': 'flag',
  'reports.needs_structuring': 'flag',
  'reports.created_at': 'timestamp',
  'reports.place_id': 'id',
  'sealed_intake.id': 'id',
  'sealed_intake.network_id': 'id',
  'sealed_intake.received_at': 'timestamp',
  'sealed_intake.sealed': 'sealed box',
  'sealed_intake.dedupe_hash': "hash: SHA-256 of the client's idempotency key or Twilio's MessageSid",
  'sealed_intake.receipt_code': 'token: 40 random bits the reporter holds',
};
