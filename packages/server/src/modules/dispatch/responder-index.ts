import { cellToParent, getResolution, gridDisk, gridRingUnsafe, latLngToCell } from 'h3-js';

/** Resolution responders report their area at (~0.74 km² hexagons): never a precise position. */
export const RESPONDER_RESOLUTION = 8;
/** How far the search may widen, in rings of cells (~0.5 km each). */
export const MAX_RING = 12;

/** A qualification granted by a training certification, valid until `expiresAt` (epoch ms; null: never expires). */
export interface CertifiedQualification {
  qualification: string;
  expiresAt: number | null;
}

/** What the index keeps per available responder. */
export interface IndexedResponder {
  accountId: string;
  cell: string;
  /** Qualifications set by hand (a coordinator's decision, which also serves as an override). */
  qualifications: readonly string[];
  languages: readonly string[];
  /** Qualifications from certifications; each one counts only until it expires. */
  certified?: readonly CertifiedQualification[];
}

/**
 * Whether a responder holds a qualification at instant `at` (epoch ms): set by hand, or
 * through a certification not yet expired. Expiry is read against the clock here, so a
 * certification stops counting the moment it lapses, with no job to run.
 */
export function holdsQualification(r: IndexedResponder, qualification: string, at: number): boolean {
  if (r.qualifications.includes(qualification)) return true;
  const certified = r.certified;
  if (!certified) return false;
  for (const c of certified) if (c.qualification === qualification && (c.expiresAt === null || c.expiresAt > at)) return true;
  return false;
}

/** A responder found for a dispatch, with the ring they were found in. */
export interface Candidate extends IndexedResponder {
  ring: number;
}

/**
 * Available responders of one network by H3 cell, in memory: finding the nearest
 * qualified ones walks rings of cells outward from the incident and stops as soon as
 * enough are found. The database stays the record; this is rebuilt from it at start
 * and kept current by availability events (also from other processes).
 */
export class ResponderIndex {
  private readonly byCell = new Map<string, Map<string, IndexedResponder>>();
  private readonly cellOf = new Map<string, string>();

  /** Add, move or update an available responder. */
  upsert(r: IndexedResponder): void {
    this.remove(r.accountId);
    let bucket = this.byCell.get(r.cell);
    if (!bucket) {
      bucket = new Map();
      this.byCell.set(r.cell, bucket);
    }
    bucket.set(r.accountId, r);
    this.cellOf.set(r.accountId, r.cell);
  }

  /** Drop a responder (unavailable). */
  remove(accountId: string): void {
    const cell = this.cellOf.get(accountId);
    if (!cell) return;
    const bucket = this.byCell.get(cell);
    bucket?.delete(accountId);
    if (bucket?.size === 0) this.byCell.delete(cell);
    this.cellOf.delete(accountId);
  }

  /** How many responders are indexed. */
  get size(): number {
    return this.cellOf.size;
  }

  /**
   * The nearest `count` responders holding the qualification and language, ring by
   * ring from the point, skipping excluded accounts and rings below `fromRing`.
   * Certified qualifications count if still valid at `at` (epoch ms, default now).
   */
  nearest(
    point: { lat: number; lng: number },
    want: {
      count: number;
      qualification?: string;
      language?: string;
      exclude?: ReadonlySet<string>;
      fromRing?: number;
      maxRing?: number;
      at?: number;
    },
  ): Candidate[] {
    const at = want.at ?? Date.now();
    const origin = latLngToCell(point.lat, point.lng, RESPONDER_RESOLUTION);
    const found: Candidate[] = [];
    const maxRing = want.maxRing ?? MAX_RING;
    for (let k = want.fromRing ?? 0; k <= maxRing && found.length < want.count; k++) {
      for (const cell of ringCells(origin, k)) {
        const bucket = this.byCell.get(cell);
        if (!bucket) continue;
        for (const r of bucket.values()) {
          if (want.exclude?.has(r.accountId)) continue;
          if (want.qualification && !holdsQualification(r, want.qualification, at)) continue;
          if (want.language && !r.languages.includes(want.language)) continue;
          found.push({
            accountId: r.accountId,
            cell: r.cell,
            qualifications: r.qualifications,
            languages: r.languages,
            certified: r.certified,
            ring: k,
          });
          // Everyone in one ring is equally near at this resolution: stop once there are enough.
          if (found.length === want.count) return found;
        }
      }
    }
    return found;
  }
}

/** Cells at exactly distance k (gridRingUnsafe fails near pentagons; fall back to a disk difference). */
function ringCells(origin: string, k: number): string[] {
  if (k === 0) return [origin];
  try {
    return gridRingUnsafe(origin, k);
  } catch {
    const inner = new Set(gridDisk(origin, k - 1));
    return gridDisk(origin, k).filter((c) => !inner.has(c));
  }
}

/** Normalize any finer cell a client sends to the responder resolution; reject coarser or invalid ones. */
export function toResponderCell(cell: string): string | undefined {
  try {
    const res = getResolution(cell);
    if (res < RESPONDER_RESOLUTION) return undefined;
    return res === RESPONDER_RESOLUTION ? cell : cellToParent(cell, RESPONDER_RESOLUTION);
  } catch {
    return undefined;
  }
}
