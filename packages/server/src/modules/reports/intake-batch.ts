import type { Language } from '@switchboard/shared';
import type { Deps } from '../../platform/context.ts';
import type { BusEvent } from '../../platform/events/event-bus.ts';
import { newId } from '../../platform/ids.ts';
import { candidateBounds, pickIncident } from './clustering.ts';
import { toIncidentDto, toReportDto } from './dto.ts';
import { areaOf } from './geo.ts';
import type { IncidentBump, IntakeStore, IntakeWrites } from './intake.repository.ts';
import type { Pending, Receipt } from './intake.service.ts';
import { newReceiptCode } from './receipt-code.ts';
import type * as repo from './reports.repository.ts';

/** A written report: its receipt and the events to publish once it is on disk. */
export type Written = { receipt: Receipt; events: BusEvent[] };

/** Open incidents a batch may join, per network. The batch's own copies: it moves them in place. */
class CandidatePool {
  private readonly byNetwork = new Map<string, repo.IncidentRow[]>();

  /** Load, per network, the open incidents any report of the batch could join: one query per network. */
  static async load(store: IntakeStore, batch: Pending[], reach: (Reach | undefined)[]): Promise<CandidatePool> {
    const pool = new CandidatePool();
    const union = new Map<string, Reach>();
    batch.forEach((p, i) => {
      const b = reach[i];
      if (!b) return;
      const u = union.get(p.networkId);
      union.set(
        p.networkId,
        u
          ? {
              box: {
                minLat: Math.min(u.box.minLat, b.box.minLat),
                maxLat: Math.max(u.box.maxLat, b.box.maxLat),
                minLng: Math.min(u.box.minLng, b.box.minLng),
                maxLng: Math.max(u.box.maxLng, b.box.maxLng),
              },
              since: b.since < u.since ? b.since : u.since,
            }
          : b,
      );
    });
    for (const [networkId, u] of union) pool.byNetwork.set(networkId, await store.candidates(networkId, u.box, u.since));
    return pool;
  }

  /** What the per-report candidate query would return now: the same filter, over the pool. */
  candidates(networkId: string, { box, since }: Reach): repo.IncidentRow[] {
    return (this.byNetwork.get(networkId) ?? []).filter(
      (c) =>
        c.lat != null &&
        c.lng != null &&
        c.lastReportedAt >= since &&
        c.lat >= box.minLat &&
        c.lat <= box.maxLat &&
        c.lng >= box.minLng &&
        c.lng <= box.maxLng,
    );
  }

  /** A new incident later reports of the batch may join. */
  add(incident: repo.IncidentRow): void {
    if (incident.lat == null || incident.lng == null) return;
    const list = this.byNetwork.get(incident.networkId);
    if (list) list.push(incident);
    else this.byNetwork.set(incident.networkId, [incident]);
  }
}

type Box = { minLat: number; maxLat: number; minLng: number; maxLng: number };
/** Where and since when a report may join an incident. */
type Reach = { box: Box; since: string };

/**
 * Write a batch as the reports would be written one by one, in arrival order: a replayed
 * key gets its first receipt, each report joins the nearest open incident in reach
 * (including those earlier reports of the batch started or moved) or starts one.
 */
export async function writeBatch(store: IntakeStore, deps: Deps, batch: Pending[]): Promise<Written[]> {
  const now = deps.clock.now().toISOString();
  const existing = await store.findExisting(
    batch.map((p) => ({ networkId: p.networkId, idempotencyKey: p.input.idempotencyKey, smsMessageSid: p.input.smsMessageSid })),
  );
  const reach = batch.map((p) =>
    p.input.report.point ? candidateBounds(p.input.report.point, p.input.report.observedAt ?? now, p.settings) : undefined,
  );
  const pool = await CandidatePool.load(store, batch, reach);
  const created = new Map<string, repo.IncidentRow>();
  const bumps = new Map<string, IncidentBump>();
  const writes: IntakeWrites = { incidents: [], bumps: [], reports: [], events: [] };
  const seen = new Map<string, Receipt>();
  const out: Written[] = [];
  const lastTouch = new Map<string, { at: number; incident: repo.IncidentRow }>();

  batch.forEach((p, index) => {
    const { input, networkId } = p;
    const key = input.idempotencyKey ?? input.smsMessageSid;
    const dedupe = key ? `${networkId}:${input.idempotencyKey ? 'k' : 's'}:${key}` : undefined;
    const earlier = dedupe ? seen.get(dedupe) : undefined;
    if (earlier) {
      out.push({ receipt: { ...earlier, created: false }, events: [] });
      return;
    }
    const found = existing[index];
    if (found) {
      const receipt = { ...found, language: found.language as Language, created: false };
      if (dedupe) seen.set(dedupe, receipt);
      out.push({ receipt, events: [] });
      return;
    }

    const r = input.report;
    const observedAt = r.observedAt ?? now;
    const point = r.point ?? null;
    const inReach = reach[index];
    let incident = point && inReach ? pickIncident(point, pool.candidates(networkId, inReach), p.settings) : undefined;
    if (incident) {
      // Moved in place: the pool and the final write see the new state; the event below takes a snapshot.
      incident.reportCount += 1;
      incident.trustedReports += p.trusted ? 1 : 0;
      incident.version += 1;
      if (now > incident.lastReportedAt) incident.lastReportedAt = now;
      if (!created.has(incident.id)) {
        const bump = bumps.get(incident.id);
        if (bump) {
          bump.reportCount = incident.reportCount;
          bump.trustedReports = incident.trustedReports;
          bump.lastReportedAt = incident.lastReportedAt;
          bump.added += 1;
        } else {
          bumps.set(incident.id, {
            id: incident.id,
            reportCount: incident.reportCount,
            trustedReports: incident.trustedReports,
            lastReportedAt: incident.lastReportedAt,
            updatedAt: now,
            added: 1,
          });
        }
      }
    } else {
      incident = {
        id: newId(),
        networkId,
        status: 'new',
        category: r.category,
        locationText: r.locationText ?? null,
        lat: point?.lat ?? null,
        lng: point?.lng ?? null,
        cell: point ? areaOf(point) : null,
        reportCount: 1,
        trustedReports: p.trusted ? 1 : 0,
        firstReportedAt: now,
        lastReportedAt: now,
        verifiedAt: null,
        verificationReason: null,
        firstAcceptAt: null,
        onSceneAt: null,
        closedAt: null,
        coarsened: false,
        lockAccountId: null,
        lockExpiresAt: null,
        version: 1,
      };
      created.set(incident.id, incident);
      pool.add(incident);
    }

    const reportId = newId();
    const language = r.language ?? input.language;
    const report: repo.ReportRow = {
      id: reportId,
      networkId,
      incidentId: incident.id,
      source: input.source,
      category: r.category,
      locationText: r.locationText ?? null,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      observedAt,
      description: r.description ?? null,
      language,
      contactEnc: r.contact ? deps.keyring.encrypt('contact', r.contact) : null,
      receiptCode: newReceiptCode(),
      trusted: p.trusted,
      needsStructuring: input.needsStructuring ?? false,
      createdAt: now,
    };
    writes.reports.push({
      ...report,
      idempotencyKey: input.idempotencyKey ?? null,
      smsMessageSid: input.smsMessageSid ?? null,
      reporterAccountId: input.reporterAccountId ?? null,
      photoEnc: input.photoBase64 ? deps.keyring.encrypt('evidence', input.photoBase64) : null,
      now,
    });
    writes.events.push({
      id: newId(),
      incidentId: incident.id,
      networkId,
      kind: 'report_added',
      actorId: null,
      detail: { reportId, source: input.source, trusted: p.trusted },
      now,
    });
    const receipt: Receipt = { receiptCode: report.receiptCode, language, receivedAt: now, created: true };
    if (dedupe) seen.set(dedupe, receipt);
    out.push({ receipt, events: [{ type: 'report.created', networkId, data: { report: toReportDto(report) } }] });
    lastTouch.set(incident.id, { at: out.length - 1, incident });
  });

  // One update per incident per batch, in its final state, after the last report it took:
  // a surge of fifty reports on one corner is one change on the dispatcher's screen, not fifty.
  for (const { at, incident } of lastTouch.values()) {
    out[at].events.push({
      type: 'incident.updated',
      networkId: incident.networkId,
      data: { incident: toIncidentDto(incident, null, now) },
    });
  }

  // New incidents are written in their final state: as created, then moved by later reports.
  for (const incident of created.values()) writes.incidents.push({ ...incident, now });
  writes.bumps = [...bumps.values()];
  await store.write(writes);
  return out;
}
