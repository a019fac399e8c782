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

/** The same key for two streets in either order. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** A street that reads like a part of a query, and how alike. */
interface StreetLike {
  street: string;
  score: number;
}

/** A corner whose two streets read this alike is taken without searching whole names too. */
const SURE_SCORE = 0.97;

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
  /** Two street cores (in either order) → the corners where they cross (entry indexes). */
  private readonly cornerAt = new Map<string, number[]>();
  /** How many names each word is in: common words ("st", "ave") are left out of searches. */
  private readonly wordCounts = new Map<string, number>();

  constructor(entries: readonly GazetteerEntry[]) {
    const nameDocs: NameDoc[] = [];
    const streetIndex = new Map<string, number>();
    for (const e of entries) {
      const i = this.entries.push(e) - 1;
      const norm = normalizeName(e.name);
      this.normalized.push(norm);
      nameDocs.push({ id: i, text: norm });
      for (const w of new Set(norm.split(' '))) this.wordCounts.set(w, (this.wordCounts.get(w) ?? 0) + 1);
      if (e.kind !== 'intersection') continue;
      const crossing = queryParts(e.name).map(streetCore);
      if (crossing.length === 2) {
        const key = pairKey(crossing[0], crossing[1]);
        const at = this.cornerAt.get(key);
        if (at) at.push(i);
        else this.cornerAt.set(key, [i]);
      }
      for (const street of crossing) {
        if (!streetIndex.has(street)) streetIndex.set(street, this.streetNames.push(street) - 1);
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
    // Two streets that read as one corner all but exactly: no name search can do better.
    const sure = found.some(([, score]) => score >= SURE_SCORE);
    // The name as typed (keeping inner words like "of the") and without the filler around it.
    const typed = normalizeName(text);
    const bare = parts.join(' ');
    const whole = sure ? [] : [...this.byName(typed), ...(bare === typed ? [] : this.byName(bare))];
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
    let best: [number, number] | undefined;
    const consider = (found: [number, number][]) => {
      for (const m of found) if (m[1] >= FREE_TEXT_MIN_SCORE && (!best || m[1] > best[1])) best = m;
    };
    // The streets either side of each corner word: matched as streets only, which is cheap.
    const seen = new Map<string, StreetLike[]>();
    all.forEach((w, j) => {
      if (!isCornerJoin(w)) return;
      for (let before = 1; before <= 3 && j - before >= 0; before++)
        for (let after = 1; after <= 3 && j + after < all.length; after++) {
          const parts = queryParts(`${all.slice(j - before, j).join(' ')} & ${all.slice(j + 1, j + 1 + after).join(' ')}`);
          if (parts.length === 2) consider(this.corners(parts[0], parts[1], seen));
        }
    });
    // Runs of two to four words read as a name: only runs of words some name has, one of them
    // telling. Most of a message ("vans", "parked", "now") is nobody's place.
    if (!best)
      for (let length = 4; length >= 2; length--)
        for (let i = 0; i + length <= all.length; i++) {
          const run = all.slice(i, i + length);
          if (run.every((w) => this.wordCounts.has(w)) && run.some((w) => this.isTellingWord(w)))
            consider(this.byName(normalizeName(run.join(' '))));
        }
    if (!best) return undefined;
    const [i, score] = best;
    return { ...this.entries[i], score: Math.round(score * 1000) / 1000 };
  }

  /** A word that is in some names, but not in so many that it says nothing. */
  private isTellingWord(word: string): boolean {
    const count = this.wordCounts.get(word) ?? 0;
    return count > 0 && count <= this.commonCount;
  }

  /** Words in more names than this ("st", "ave" in a city of corners) narrow nothing. */
  private get commonCount(): number {
    return Math.max(50, this.entries.length / 50);
  }

  /**
   * The words of a query worth searching for: a word in more than one name in fifty ("st",
   * "ave" in a city of corners) narrows nothing and makes the search score tens of thousands
   * of names, so it is left to the likeness check that follows. Unknown (misspelled) words stay.
   */
  private distinctive(query: string): string {
    const all = query.split(' ').filter((w) => w && w !== '&');
    const rare = all.filter((w) => (this.wordCounts.get(w) ?? 0) <= this.commonCount);
    return (rare.length > 0 ? rare : all).join(' ');
  }

  /** Entries whose whole name reads like the text. */
  private byName(query: string): [number, number][] {
    if (!query) return [];
    const hits = this.names.search(this.distinctive(query), {
      combineWith: 'AND',
      // A typo in a word of four letters or more; a prefix only for the word being typed. Fuzzy
      // and prefix on short words ("at", "now") expand to most of the vocabulary, for nothing.
      fuzzy: (term) => (term.length >= 4 ? 0.25 : false),
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
    });
    return hits.slice(0, 50).map((h) => [h.id as number, likeness(query, this.normalized[h.id as number])]);
  }

  /** Streets that read like a part of a query (at most ten); `seen` keeps them across tries of one message. */
  private streetsLike(part: string, seen?: Map<string, StreetLike[]>): StreetLike[] {
    const known = seen?.get(part);
    if (known) return known;
    const core = streetCore(part);
    const like = this.streets
      .search(core, { fuzzy: 0.3, prefix: true })
      .slice(0, 10)
      .map((h) => ({ street: this.streetNames[h.id as number], score: likeness(core, this.streetNames[h.id as number]) }));
    seen?.set(part, like);
    return like;
  }

  /** Corners whose two streets read like the two parts, in either order. */
  private corners(a: string, b: string, seen?: Map<string, StreetLike[]>): [number, number][] {
    const first = this.streetsLike(a, seen);
    const second = this.streetsLike(b, seen);
    const out: [number, number][] = [];
    for (const x of first)
      for (const y of second) {
        if (y.street === x.street) continue;
        for (const i of this.cornerAt.get(pairKey(x.street, y.street)) ?? []) out.push([i, Math.sqrt(x.score * y.score)]);
      }
    return out;
  }
}
