/** Report and incident rows: how a database row reads as a record (sealed fields opened) and how a record is written as sealed columns. */
import type { REPORT_CATEGORIES } from '@switchboard/shared';
import { fromJson, toBool, toIso, toIsoOrNull } from '../../db/rows.ts';
import type { IncidentsTable, ReportsTable } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { openDetail, openPoint, openText, sealPoint, sealText } from './sealed-fields.ts';

/** One of the report categories (stored as text; only these are ever written). */
type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** An incident row, decoded. */
export interface IncidentRow {
  id: string;
  networkId: string;
  status: string;
  category: ReportCategory;
  locationText: string | null;
  lat: number | null;
  lng: number | null;
  cell: string | null;
  /** The gazetteer place it is at, and its place and area in words (null: not known). */
  placeId: string | null;
  placeName: string | null;
  areaName: string | null;
  reportCount: number;
  trustedReports: number;
  firstReportedAt: string;
  lastReportedAt: string;
  verifiedAt: string | null;
  verificationReason: string | null;
  firstAcceptAt: string | null;
  onSceneAt: string | null;
  closedAt: string | null;
  coarsened: boolean;
  lockAccountId: string | null;
  lockExpiresAt: string | null;
  version: number;
}

/** Map a stored incident to its decoded form, its sealed place and point opened (rows not yet sealed read as they are). */
export function toIncident(r: IncidentsTable, keyring: Keyring): IncidentRow {
  const point = openPoint(keyring, r.point_enc, r);
  return {
    id: r.id,
    networkId: r.network_id,
    status: r.status,
    category: r.category as ReportCategory,
    locationText: openText(keyring, 'address', r.location_text_enc, r.location_text),
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    cell: r.cell,
    placeId: r.place_id ?? null,
    placeName: openText(keyring, 'address', r.place_name_enc, r.place_name),
    areaName: r.area_name ?? null,
    reportCount: Number(r.report_count),
    trustedReports: Number(r.trusted_reports),
    firstReportedAt: toIso(r.first_reported_at),
    lastReportedAt: toIso(r.last_reported_at),
    verifiedAt: toIsoOrNull(r.verified_at),
    verificationReason: r.verification_reason,
    firstAcceptAt: toIsoOrNull(r.first_accept_at),
    onSceneAt: toIsoOrNull(r.on_scene_at),
    closedAt: toIsoOrNull(r.closed_at),
    coarsened: toBool(r.coarsened),
    lockAccountId: r.lock_account_id,
    lockExpiresAt: toIsoOrNull(r.lock_expires_at),
    version: Number(r.version),
  };
}

/** A report row, decoded: its words and point opened (contact and photo stay encrypted). */
export interface ReportRow {
  id: string;
  networkId: string;
  incidentId: string | null;
  source: string;
  category: ReportCategory;
  locationText: string | null;
  lat: number | null;
  lng: number | null;
  /** The gazetteer place its typed location was resolved to. */
  placeId: string | null;
  observedAt: string;
  description: string | null;
  language: string;
  contactEnc: string | null;
  receiptCode: string;
  trusted: boolean;
  needsStructuring: boolean;
  createdAt: string;
}

/** Map a stored report to its decoded form (rows not yet sealed read as they are). */
export function toReport(r: ReportsTable, keyring: Keyring): ReportRow {
  const point = openPoint(keyring, r.point_enc, r);
  return {
    id: r.id,
    networkId: r.network_id,
    incidentId: r.incident_id,
    source: r.source,
    category: r.category as ReportCategory,
    locationText: openText(keyring, 'address', r.location_text_enc, r.location_text),
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    placeId: r.place_id ?? null,
    observedAt: toIso(r.observed_at),
    description: openText(keyring, 'report', r.description_enc, r.description),
    language: r.language,
    contactEnc: r.contact_enc,
    receiptCode: r.receipt_code,
    trusted: toBool(r.trusted),
    needsStructuring: toBool(r.needs_structuring),
    createdAt: toIso(r.created_at),
  };
}

/** An incident's place, point and place name as columns: sealed, and the legacy plain columns emptied. */
export function sealedIncidentColumns(
  keyring: Keyring,
  i: { locationText?: string | null; point?: { lat: number; lng: number } | null; placeName?: string | null },
): Partial<IncidentsTable> {
  const set: Partial<IncidentsTable> = {};
  if (i.locationText !== undefined)
    Object.assign(set, { location_text_enc: sealText(keyring, 'address', i.locationText), location_text: null });
  if (i.point !== undefined) Object.assign(set, { point_enc: sealPoint(keyring, i.point), lat: null, lng: null });
  if (i.placeName !== undefined)
    Object.assign(set, { place_name_enc: sealText(keyring, 'address', i.placeName), place_name: null });
  return set;
}

/** A report's place, point and words as columns: sealed, and the legacy plain columns emptied. */
export function sealedReportColumns(
  keyring: Keyring,
  r: { locationText?: string | null; point?: { lat: number; lng: number } | null; description?: string | null },
): Partial<ReportsTable> {
  const set: Partial<ReportsTable> = {};
  if (r.locationText !== undefined)
    Object.assign(set, { location_text_enc: sealText(keyring, 'address', r.locationText), location_text: null });
  if (r.point !== undefined) Object.assign(set, { point_enc: sealPoint(keyring, r.point), lat: null, lng: null });
  if (r.description !== undefined)
    Object.assign(set, { description_enc: sealText(keyring, 'report', r.description), description: null });
  return set;
}

/** The point of a decoded row, or null. */
export function pointOfRow(r: { lat: number | null; lng: number | null }): { lat: number; lng: number } | null {
  return r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null;
}

/**
 * A new incident as a row (unset verification, lock and close columns take their null
 * defaults). One shape for both paths: intake's prepared SQLite statement binds it by
 * name, Kysely inserts it as is.
 */
export function incidentColumns(keyring: Keyring, i: IncidentRow & { now: string }) {
  return {
    id: i.id,
    network_id: i.networkId,
    status: i.status,
    category: i.category,
    location_text_enc: sealText(keyring, 'address', i.locationText),
    point_enc: sealPoint(keyring, pointOfRow(i)),
    cell: i.cell,
    place_id: i.placeId,
    place_name_enc: sealText(keyring, 'address', i.placeName),
    area_name: i.areaName,
    report_count: i.reportCount,
    trusted_reports: i.trustedReports,
    first_reported_at: i.firstReportedAt,
    last_reported_at: i.lastReportedAt,
    coarsened: 0,
    version: i.version,
    created_at: i.now,
    updated_at: i.now,
  };
}
