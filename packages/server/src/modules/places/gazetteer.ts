import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';
import { isCornerJoin, normalizeName, queryParts, streetCore, words } from './normalize.ts';

/** One named place as the matcher holds it. */
export interface GazetteerEntry {
  id: string;
  kind: 'area' | 'intersection' | 'landmark' | 'site' | 'station';
  name: string;
  lat: number;
  lng: number;
  /** The area it lies in (areas: their own name). */
  areaName: string | null;
}

/** A match for typed text, best first; `score` is how alike the two read (0–1). */
export interface GazetteerMatch extends GazetteerEntry {
  score: number;
}

/** Below this a match is a guess, not a place: it is not offered. */
export const MIN_SCORE = 0.72;

/** How alike two matching forms read: 1 for the same, 0 for nothing in common. */
function likeness(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : 1 - distance(a, b) / longest;
}

/** A place found inside a message must read this alike: a message is mostly other words. */
export const FREE_TEXT_MIN_SCORE = 0.85;

type NameDoc = { id: number; text: string };

/**
 * One network's gazetteer in memory: every name searchable with typos forgiven (MiniSearch,
 * fuzzy over a radix tree), and corners found by their two streets in either order. Built
 * from the places table and the sites other modules know; rebuilt when they change.
 */
export class Gazetteer {
  private readonly entries: GazetteerEntry[] = [];
  private readonly normalized: string[] = [];
  private readonly names = new MiniSearch<NameDoc>({ fields: ['text'], storeFields: [] });
  private readonly streets = new MiniSearch<NameDoc>({ fields: ['text'], storeFields: [] });
  private readonly streetNames: string[] = [];
  /** Street core → the corners it is part of (entry indexes). */
  private readonly cornersOf = new Map<string, number[]>();

  constructor(entries: readonly GazetteerEntry[]) {
    const nameDocs: NameDoc[] = [];
    const streetIndex = new Map<string, number>();
    for (const e of entries) {
      const i = this.entries.push(e) - 1;
      const norm = normalizeName(e.name);
      this.normalized.push(norm);
      nameDocs.push({ id: i, text: norm });
      if (e.kind !== 'intersection') continue;
      for (const street of queryParts(e.name).map(streetCore)) {
        if (!streetIndex.has(street)) streetIndex.set(street, this.streetNames.push(street) - 1);
        this.cornersOf.set(street, [...(this.cornersOf.get(street) ?? []), i]);
      }
    }
    this.names.addAll(nameDocs);
    this.streets.addAll(this.streetNames.map((text, id) => ({ id, text })));
  }

  /** How many names it holds. */
  get size(): number {
    return this.entries.length;
  }

  /** The places typed text may mean, best first (at most `limit`, each at least MIN_SCORE alike). */
  search(text: string, limit = 5): GazetteerMatch[] {
    const parts = queryParts(text);
    if (parts.length === 0) return [];
    const found = parts.length === 2 ? this.corners(parts[0], parts[1]) : [];
    // The name as typed (keeping inner words like "of the") and without the filler around it.
    const whole = [...this.byName(normalizeName(text)), ...this.byName(parts.join(' '))];
    const best = new Map<number, number>();
    for (const [i, score] of [...found, ...whole]) best.set(i, Math.max(best.get(i) ?? 0, score));
    return [...best]
      .filter(([, score]) => score >= MIN_SCORE)
      .sort((a, b) => b[1] - a[1] || this.entries[a[0]].name.localeCompare(this.entries[b[0]].name))
      .slice(0, limit)
      .map(([i, score]) => ({ ...this.entries[i], score: Math.round(score * 1000) / 1000 }));
  }

  /**
   * The place a free-text message names somewhere inside it ("ICE vans at lake and chicago
   * right now"), for SMS and calls where nobody typed the place into its own field: the two
   * streets around each corner word, then runs of two to four words read as a name. Stricter
   * than search: a message is full of words that are nobody's place.
   */
  findIn(text: string): GazetteerMatch | undefined {
    const all = words(text);
    const tries: string[] = [];
    all.forEach((w, j) => {
      if (!isCornerJoin(w)) return;
      for (let before = 1; before <= 3 && j - before >= 0; before++)
        for (let after = 1; after <= 3 && j + after < all.length; after++)
          tries.push(`${all.slice(j - before, j).join(' ')} & ${all.slice(j + 1, j + 1 + after).join(' ')}`);
    });
    for (let length = 4; length >= 2; length--)
      for (let i = 0; i + length <= all.length; i++) tries.push(all.slice(i, i + length).join(' '));
    let best: GazetteerMatch | undefined;
    for (const attempt of tries) {
      const [m] = this.search(attempt, 1);
      if (m && m.score >= FREE_TEXT_MIN_SCORE && (!best || m.score > best.score)) best = m;
    }
    return best;
  }

  /** Entries whose whole name reads like the text. */
  private byName(query: string): [number, number][] {
    const hits = this.names.search(query, { fuzzy: 0.25, prefix: true, combineWith: 'AND' });
    return hits.slice(0, 50).map((h) => [h.id as number, likeness(query, this.normalized[h.id as number])]);
  }

  /** Corners whose two streets read like the two parts, in either order. */
  private corners(a: string, b: string): [number, number][] {
    const streetsLike = (part: string) => {
      const core = streetCore(part);
      return this.streets
        .search(core, { fuzzy: 0.3, prefix: true })
        .slice(0, 10)
        .map((h) => ({ street: this.streetNames[h.id as number], score: likeness(core, this.streetNames[h.id as number]) }));
    };
    const first = streetsLike(a);
    const second = streetsLike(b);
    const out: [number, number][] = [];
    for (const x of first) {
      const withX = new Set(this.cornersOf.get(x.street));
      for (const y of second) {
        if (y.street === x.street) continue;
        for (const i of this.cornersOf.get(y.street) ?? []) if (withX.has(i)) out.push([i, Math.sqrt(x.score * y.score)]);
      }
    }
    return out;
  }
}
