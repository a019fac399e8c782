import type { CreateReportRequest, Language } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findNetworkBySlug, hasActiveMembership } from '../networks/index.ts';
import { candidateBounds, pickIncident } from './clustering.ts';
import { inIntakeTransaction, type IntakeStore } from './intake-store.ts';
import { areaOf } from './geo.ts';
import { newReceiptCode } from './receipt-code.ts';
import * as repo from './reports.repository.ts';
import { toIncidentDto, toReportDto } from './dto.ts';

/** One report arriving by any door. */
export interface IntakeInput {
  networkSlug: string;
  report: z.infer<typeof CreateReportRequest>;
  source: 'web' | 'api' | 'sms' | 'phone';
  /** Language to fall back to when the report names none. */
  language: Language;
  idempotencyKey?: string;
  smsMessageSid?: string;
  /** A signed-in member filing it: vouched members' reports weigh more. */
  reporterAccountId?: string;
  /** An SMS a dispatcher must still structure. */
  needsStructuring?: boolean;
  /** Photo, already re-encoded and stripped of metadata, base64 (stored encrypted). */
  photoBase64?: string;
}

/** What the reporter is told. */
export interface Receipt {
  receiptCode: string;
  language: Language;
  receivedAt: string;
  /** False when this was a replay of an earlier submission (idempotency key or SMS id). */
  created: boolean;
}

interface Pending {
  networkId: string;
  settings: { radiusMeters: number; windowMinutes: number };
  input: IntakeInput;
  trusted: boolean;
  resolve(r: Receipt): void;
  reject(e: unknown): void;
}

// Most reports a group commit takes at once; more wait for the next one.
const MAX_BATCH = 256;

/**
 * Group commit: reports that arrive while a transaction is being written wait and are
 * written together in the next one, so each fsync acknowledges many reports. Nothing is
 * acknowledged before its transaction has committed.
 */
class IntakeBatcher {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly deps: Deps) {}

  submit(p: Omit<Pending, 'resolve' | 'reject'>): Promise<Receipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...p, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const results = await this.write(batch);
        batch.forEach((p, i) => p.resolve(results[i].receipt));
        await this.publish(results.flatMap((r) => r.events));
      } catch {
        // One bad report must not sink the others: write them one by one.
        for (const p of batch) {
          try {
            const [result] = await this.write([p]);
            p.resolve(result.receipt);
            await this.publish(result.events);
          } catch (err) {
            p.reject(err);
          }
        }
      }
    }
    this.running = false;
  }

  private async publish(events: DomainEvent[]): Promise<void> {
    for (const e of events) await this.deps.events.publish(e).catch(() => undefined);
  }

  private write(batch: Pending[]) {
    return inIntakeTransaction(this.deps.database, async (store) => {
      const out: { receipt: Receipt; events: DomainEvent[] }[] = [];
      const seen = new Map<string, Receipt>();
      for (const p of batch) {
        const key = p.input.idempotencyKey ?? p.input.smsMessageSid;
        const dedupe = key ? `${p.networkId}:${key}` : undefined;
        const earlier = dedupe ? seen.get(dedupe) : undefined;
        if (earlier) {
          out.push({ receipt: { ...earlier, created: false }, events: [] });
          continue;
        }
        const result = await writeOne(store, this.deps, p);
        if (dedupe) seen.set(dedupe, result.receipt);
        out.push(result);
      }
      return out;
    });
  }
}

async function writeOne(store: IntakeStore, deps: Deps, p: Pending): Promise<{ receipt: Receipt; events: DomainEvent[] }> {
  const { input, networkId } = p;
  const existing = await store.findByKey(networkId, { idempotencyKey: input.idempotencyKey, smsMessageSid: input.smsMessageSid });
  if (existing) return { receipt: { ...existing, language: existing.language as Language, created: false }, events: [] };

  const now = deps.clock.now().toISOString();
  const r = input.report;
  const observedAt = r.observedAt ?? now;
  const point = r.point ?? null;
  let incident = point ? pickIncident(point, await clusterCandidates(store, networkId, point, observedAt, p.settings), p.settings) : undefined;
  const reportId = newId();
  if (incident) {
    await store.bumpIncident(incident.id, {
      report_count: incident.reportCount + 1,
      trusted_reports: incident.trustedReports + (p.trusted ? 1 : 0),
      last_reported_at: now > incident.lastReportedAt ? now : incident.lastReportedAt,
      updated_at: now,
    });
    incident = { ...incident, reportCount: incident.reportCount + 1, trustedReports: incident.trustedReports + (p.trusted ? 1 : 0), version: incident.version + 1, lastReportedAt: now };
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
    await store.insertIncident({ ...incident, now });
  }
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
  await store.insertReport({
    ...report,
    idempotencyKey: input.idempotencyKey ?? null,
    smsMessageSid: input.smsMessageSid ?? null,
    reporterAccountId: input.reporterAccountId ?? null,
    photoEnc: input.photoBase64 ? deps.keyring.encrypt('evidence', input.photoBase64) : null,
    now,
  });
  await store.insertEvent({ id: newId(), incidentId: incident.id, networkId, kind: 'report_added', actorId: null, detail: { reportId, source: input.source, trusted: p.trusted }, now });
  return {
    receipt: { receiptCode: report.receiptCode, language, receivedAt: now, created: true },
    events: [
      { type: 'report.created', networkId, data: { report: toReportDto(report) } },
      { type: 'incident.updated', networkId, data: { incident: toIncidentDto(incident, null) } },
    ],
  };
}

function clusterCandidates(store: IntakeStore, networkId: string, point: { lat: number; lng: number }, observedAt: string, rule: Pending['settings']) {
  const { box, since } = candidateBounds(point, observedAt, rule);
  return store.candidates(networkId, box, since);
}

const batchers = new WeakMap<Deps, IntakeBatcher>();

// Under a surge every report names the same network: look it up at most once a second.
const NETWORK_TTL_MS = 1000;
const networkCache = new WeakMap<Deps, Map<string, { at: number; network: Awaited<ReturnType<typeof findNetworkBySlug>> }>>();

async function cachedNetwork(deps: Deps, slug: string) {
  let cache = networkCache.get(deps);
  if (!cache) {
    cache = new Map();
    networkCache.set(deps, cache);
  }
  const hit = cache.get(slug);
  const now = Date.now();
  if (hit && now - hit.at < NETWORK_TTL_MS) return hit.network;
  const network = await findNetworkBySlug(deps.database.db, slug);
  cache.set(slug, { at: now, network });
  return network;
}

/**
 * File a report from any door (web form, JSON API, SMS, dispatcher on the phone).
 * Resolves only once the report is committed to disk.
 */
export async function submitReport(deps: Deps, input: IntakeInput): Promise<Receipt> {
  const network = await cachedNetwork(deps, input.networkSlug);
  if (!network) throw notFound();
  // Sealed: a callback contact could not be encrypted, and nothing sensitive may be written in clear.
  if (input.report.contact || input.photoBase64) deps.keyring.encrypt('contact', '');
  const trusted = input.reporterAccountId ? await hasActiveMembership(deps.database.db, network.id, input.reporterAccountId) : false;
  let batcher = batchers.get(deps);
  if (!batcher) {
    batcher = new IntakeBatcher(deps);
    batchers.set(deps, batcher);
  }
  const { clusterRadiusMeters, clusterWindowMinutes } = network.settings.rapidResponse;
  return batcher.submit({ networkId: network.id, settings: { radiusMeters: clusterRadiusMeters, windowMinutes: clusterWindowMinutes }, input, trusted });
}
