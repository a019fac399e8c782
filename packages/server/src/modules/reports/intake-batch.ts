import type { Language } from '@switchboard/shared';
import type { Deps } from '../../platform/context.ts';
import type { BusEvent } from '../../platform/events/event-bus.ts';
import { newId } from '../../platform/ids.ts';
import { candidateReach, pickIncident } from './clustering.ts';
import { toIncidentDto, toReportDto } from './dto.ts';
import { placeKey } from '../places/index.ts';
import { areaOf } from './geo.ts';
import type { IncidentBump, IntakeStore, IntakeWrites } from './intake.repository.ts';
import type { Pending, Receipt } from './intake.service.ts';
import { newReceiptCode } from './receipt-code.ts';
import { dedupeHashOf, heldMayExist } from './sealed-intake.service.ts';
import type * as repo from './reports.repository.ts';
import type * as rows from './report-rows.ts';

/** A written report: its receipt and the events to publish once it is on disk. */
export type Written = { receipt: Receipt; events: BusEvent[] };

/** Open incidents a batch may join, per network. The batch's own copies: it moves them in place. */
class CandidatePool {
  private readonly byNetwork = new Map<string, rows.IncidentRow[]>();
  /** Open incidents with no point, per network, for reports that give words but no place. */
  private readonly unplaced = new Map<string, rows.IncidentRow[]>();

  /** Load, per network, the open incidents any report of the batch could join: one query per network. */
  static async load(store: IntakeStore, batch: Pending[], reach: (Reach | undefined)[], now: string): Promise<CandidatePool> {
    const pool = new CandidatePool();
    const union = new Map<string, { cells: Set<string>; since: string }>();
    batch.forEach((p, i) => {
      const b = reach[i];
      if (!b) return;
      const u = union.get(p.networkId);
      if (!u) union.set(p.networkId, { cells: new Set(b.cells), since: b.since });
      else {
        for (const c of b.cells) u.cells.add(c);
        if (b.since < u.since) u.since = b.since;
      }
    });
    for (const [networkId, u] of union) {
      const near = await store.candidates(networkId, [...u.cells].sort(), u.since);
      // Each report's nearest open incident in reach is the only one it could join, apart from
      // those the batch itself starts (added to the pool as they are): load just those whole.
      const wanted = new Set<string>();
      batch.forEach((p, i) => {
        const r = reach[i];
        const point = pointOf(p);
        if (p.networkId !== networkId || !r || !point) return;
        const cells = new Set(r.cells);
        const nearest = pickIncident(
          point,
          near.filter((c) => c.lastReportedAt >= r.since && cells.has(c.cell)),
          p.settings,
        );
        if (nearest) wanted.add(nearest.id);
      });
      pool.byNetwork.set(networkId, await store.incidents(networkId, [...wanted].sort()));
    }
    // Reports nobody could place still group by their words: one query per network that has any.
    const wordy = new Map<string, string>();
    batch.forEach((p, i) => {
      if (reach[i] || !wordsOf(p.input.report.locationText)) return;
      const from = since(p, now);
      const earliest = wordy.get(p.networkId);
      if (!earliest || from < earliest) wordy.set(p.networkId, from);
    });
    for (const [networkId, from] of wordy) pool.unplaced.set(networkId, await store.unplacedCandidates(networkId, from));
    return pool;
  }

  /** The latest open unplaced incident whose typed place reads the same as this report's, if any. */
  sameWords(p: Pending, from: string): rows.IncidentRow | undefined {
    const key = wordsOf(p.input.report.locationText);
    if (!key) return undefined;
    const same = (this.unplaced.get(p.networkId) ?? []).filter(
      (c) => c.lat == null && c.lastReportedAt >= from && wordsOf(c.locationText) === key,
    );
    return same.sort((a, b) => (a.lastReportedAt < b.lastReportedAt ? 1 : -1))[0];
  }

  /** What the per-report candidate query would return now: the same filter, over the pool. */
  candidates(networkId: string, { cells, since }: Reach): rows.IncidentRow[] {
    const near = new Set(cells);
    return (this.byNetwork.get(networkId) ?? []).filter(
      (c) => c.lat != null && c.lng != null && c.cell != null && c.lastReportedAt >= since && near.has(c.cell),
    );
  }

  /** A new incident later reports of the batch may join. */
  add(incident: rows.IncidentRow): void {
    if (incident.lat == null || incident.lng == null) {
      const list = this.unplaced.get(incident.networkId);
      if (list) list.push(incident);
      else this.unplaced.set(incident.networkId, [incident]);
      return;
    }
    const list = this.byNetwork.get(incident.networkId);
    if (list) list.push(incident);
    else this.byNetwork.set(incident.networkId, [incident]);
  }
}

/** Where a report is: its own point (GPS, a map pin) or the point of the place its words named. */
function pointOf(p: Pending): { lat: number; lng: number } | null {
  return p.input.report.point ?? p.input.located?.point ?? null;
}

/** The earliest last report an incident may have for this report to join it. */
function since(p: Pending, now: string): string {
  const observed = new Date(p.input.report.observedAt ?? now).getTime();
  return new Date(observed - p.settings.windowMinutes * 60_000).toISOString();
}

/** A report's typed place in matching form ("Lake St & Chicago" and "lake street & chicago" meet), or ''. */
function wordsOf(text: string | null | undefined): string {
  return text ? placeKey(text) : '';
}

/** Where (coarse cells) and since when a report may join an incident. */
type Reach = { cells: string[]; since: string };

/** What a batch has done so far, as it goes through its reports in arrival order. */
interface BatchState {
  now: string;
  pool: CandidatePool;
  /** New incidents, in their state after the latest report that joined them. */
  created: Map<string, rows.IncidentRow>;
  /** Existing incidents moved by this batch. */
  bumps: Map<string, IncidentBump>;
  writes: IntakeWrites;
  /** Receipts by dedupe key, for a key repeated inside the batch. */
  seen: Map<string, Receipt>;
  out: Written[];
  /** The last report each incident took, to publish one update per incident. */
  lastTouch: Map<string, { at: number; incident: rows.IncidentRow }>;
}

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
  // Unsealed before the drain reached them: a replay of a report held while sealed gets its receipt.
  const held: ({ receiptCode: string; receivedAt: string } | undefined)[] = [];
  if (heldMayExist(deps))
    for (const [i, p] of batch.entries()) {
      const hash = existing[i] || p.input.held ? null : dedupeHashOf(p.networkId, p.input);
      held.push(hash ? await store.findHeld(p.networkId, hash) : undefined);
    }
  const reach = batch.map((p) => {
    const point = pointOf(p);
    return point ? candidateReach(point, p.input.report.observedAt ?? now, p.settings) : undefined;
  });
  const state: BatchState = {
    now,
    pool: await CandidatePool.load(store, batch, reach, now),
    created: new Map(),
    bumps: new Map(),
    writes: { incidents: [], bumps: [], reports: [], events: [], released: [] },
    seen: new Map(),
    out: [],
    lastTouch: new Map(),
  };
  batch.forEach((p, index) => {
    const key = p.input.idempotencyKey ?? p.input.smsMessageSid;
    const dedupe = key ? `${p.networkId}:${p.input.idempotencyKey ? 'k' : 's'}:${key}` : undefined;
    const heldBefore = held[index];
    const replay =
      (dedupe && state.seen.get(dedupe)) ||
      existing[index] ||
      (heldBefore && { ...heldBefore, language: p.input.report.language ?? p.input.language });
    // A held report (filed on unseal) leaves the sealed queue in this transaction, filed or replayed.
    if (p.input.held) state.writes.released.push(p.input.held.id);
    if (replay) {
      const receipt = { ...replay, language: replay.language as Language, created: false };
      if (dedupe) state.seen.set(dedupe, receipt);
      state.out.push({ receipt, events: [] });
      return;
    }
    const incident = joinOrStart(state, p, reach[index]);
    const receipt = addReport(state, deps, p, incident);
    if (dedupe) state.seen.set(dedupe, receipt);
  });

  // One update per incident per batch, in its final state, after the last report it took:
  // a surge of fifty reports on one corner is one change on the dispatcher's screen, not fifty.
  for (const { at, incident } of state.lastTouch.values()) {
    state.out[at].events.push({
      type: 'incident.updated',
      networkId: incident.networkId,
      data: { incident: toIncidentDto(incident, null, now) },
    });
  }
  // New incidents are written in their final state: as created, then moved by later reports.
  for (const incident of state.created.values()) state.writes.incidents.push({ ...incident, now });
  state.writes.bumps = [...state.bumps.values()];
  await store.write(state.writes);
  return state.out;
}

/** The incident a report joins (moved in place) or the one it starts. */
function joinOrStart(state: BatchState, p: Pending, inReach: Reach | undefined): rows.IncidentRow {
  const { now } = state;
  const point = pointOf(p);
  const incident =
    point && inReach
      ? pickIncident(point, state.pool.candidates(p.networkId, inReach), p.settings)
      : state.pool.sameWords(p, since(p, now));
  if (!incident) {
    const started = newIncident(p, now);
    state.created.set(started.id, started);
    state.pool.add(started);
    return started;
  }
  // Moved in place: the pool and the final write see the new state; the event takes a snapshot.
  incident.reportCount += 1;
  incident.trustedReports += p.trusted ? 1 : 0;
  incident.version += 1;
  if (now > incident.lastReportedAt) incident.lastReportedAt = now;
  if (state.created.has(incident.id)) return incident;
  const bump = state.bumps.get(incident.id);
  state.bumps.set(incident.id, {
    id: incident.id,
    reportCount: incident.reportCount,
    trustedReports: incident.trustedReports,
    lastReportedAt: incident.lastReportedAt,
    updatedAt: bump?.updatedAt ?? now,
    added: (bump?.added ?? 0) + 1,
  });
  return incident;
}

/** A new incident of one report. */
function newIncident(p: Pending, now: string): rows.IncidentRow {
  const r = p.input.report;
  const point = pointOf(p);
  const at = p.input.located;
  return {
    id: newId(),
    networkId: p.networkId,
    status: 'new',
    category: r.category,
    locationText: r.locationText ?? null,
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    cell: point ? areaOf(point) : null,
    placeId: at?.placeId ?? null,
    placeName: at?.placeName ?? null,
    areaName: at?.areaName ?? null,
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
}

/** Add a report (contact and photo encrypted) and its timeline entry to the writes; its receipt. */
function addReport(state: BatchState, deps: Deps, p: Pending, incident: rows.IncidentRow): Receipt {
  const { now } = state;
  const { input, networkId } = p;
  const r = input.report;
  const language = r.language ?? input.language;
  const report: rows.ReportRow = {
    id: newId(),
    networkId,
    incidentId: incident.id,
    source: input.source,
    category: r.category,
    locationText: r.locationText ?? null,
    lat: pointOf(p)?.lat ?? null,
    lng: pointOf(p)?.lng ?? null,
    placeId: input.located?.placeId ?? null,
    observedAt: r.observedAt ?? now,
    description: r.description ?? null,
    language,
    contactEnc: r.contact ? deps.keyring.encrypt('contact', r.contact) : null,
    // A report held while sealed keeps the receipt its reporter was given.
    receiptCode: input.held?.receiptCode ?? newReceiptCode(),
    trusted: p.trusted,
    needsStructuring: input.needsStructuring ?? false,
    createdAt: now,
  };
  state.writes.reports.push({
    ...report,
    idempotencyKey: input.idempotencyKey ?? null,
    smsMessageSid: input.smsMessageSid ?? null,
    reporterAccountId: input.reporterAccountId ?? null,
    photoEnc: input.photoBase64 ? deps.keyring.encrypt('evidence', input.photoBase64) : null,
    now,
  });
  state.writes.events.push({
    id: newId(),
    incidentId: incident.id,
    networkId,
    kind: 'report_added',
    actorId: null,
    detail: { reportId: report.id, source: input.source, trusted: p.trusted },
    now,
  });
  const receipt: Receipt = { receiptCode: report.receiptCode, language, receivedAt: now, created: true };
  state.out.push({ receipt, events: [{ type: 'report.created', networkId, data: { report: toReportDto(report) } }] });
  state.lastTouch.set(incident.id, { at: state.out.length - 1, incident });
  return receipt;
}
