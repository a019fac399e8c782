import type { Incident, Report } from '@switchboard/shared';
import type { z } from 'zod';
import type { IncidentRow, ReportRow } from './report-rows.ts';

/** A report as dispatchers see it (the contact is a separate, audited read). */
export function toReportDto(r: ReportRow): z.infer<typeof Report> {
  return {
    id: r.id,
    incidentId: r.incidentId,
    source: r.source as z.infer<typeof Report>['source'],
    category: r.category as z.infer<typeof Report>['category'],
    locationText: r.locationText,
    point: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null,
    observedAt: r.observedAt,
    description: r.description,
    language: r.language as z.infer<typeof Report>['language'],
    hasContact: r.contactEnc !== null,
    trusted: r.trusted,
    needsStructuring: r.needsStructuring,
    receiptCode: r.receiptCode,
    createdAt: r.createdAt,
  };
}

/** An incident as dispatchers see it; the lock only while it has not expired. */
export function toIncidentDto(
  i: IncidentRow,
  lock: { displayName: string } | null,
  now = new Date().toISOString(),
): z.infer<typeof Incident> {
  const locked = i.lockAccountId && i.lockExpiresAt && i.lockExpiresAt > now;
  return {
    id: i.id,
    status: i.status as z.infer<typeof Incident>['status'],
    category: i.category as z.infer<typeof Incident>['category'],
    locationText: i.locationText,
    point: i.lat != null && i.lng != null ? { lat: i.lat, lng: i.lng } : null,
    area: i.cell,
    placeName: i.placeName,
    areaName: i.areaName,
    reportCount: i.reportCount,
    trustedReports: i.trustedReports,
    firstReportedAt: i.firstReportedAt,
    lastReportedAt: i.lastReportedAt,
    verifiedAt: i.verifiedAt,
    verificationReason: i.verificationReason as z.infer<typeof Incident>['verificationReason'],
    lock: locked ? { accountId: i.lockAccountId!, displayName: lock?.displayName ?? '', expiresAt: i.lockExpiresAt! } : null,
    version: i.version,
  };
}
