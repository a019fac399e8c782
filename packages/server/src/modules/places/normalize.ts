// How typed places are read, in the five languages reports come in: "Lake St & Chicago Ave",
// "lake street and chicago", "Calle Lake y Avenida Chicago", "Waddada Lake iyo Chicago",
// "Kev Lake thiab Chicago", "شارع ليك و شيكاغو". The gazetteer's names go through the same
// steps, so both sides meet in one form.

/** Street words in each language, and the one form they are matched as. */
const STREET_WORDS: Record<string, string> = {
  street: 'st',
  st: 'st',
  str: 'st',
  calle: 'st',
  cl: 'st',
  waddada: 'st',
  wadada: 'st',
  jidka: 'st',
  kev: 'st',
  شارع: 'st',
  avenue: 'ave',
  ave: 'ave',
  av: 'ave',
  avenida: 'ave',
  avda: 'ave',
  جادة: 'ave',
  road: 'rd',
  rd: 'rd',
  boulevard: 'blvd',
  blvd: 'blvd',
  bulevar: 'blvd',
  drive: 'dr',
  dr: 'dr',
  parkway: 'pkwy',
  pkwy: 'pkwy',
  place: 'pl',
  pl: 'pl',
  lane: 'ln',
  ln: 'ln',
};

/** Compass words: said or not ("Chicago Ave S" is "Chicago"), so they never decide a match. */
const DIRECTIONS = new Set([
  'n',
  's',
  'e',
  'w',
  'north',
  'south',
  'east',
  'west',
  'ne',
  'nw',
  'se',
  'sw',
  'norte',
  'sur',
  'este',
  'oeste',
]);

/** Words that join two streets of a corner. */
const CORNER_JOINS = new Set(['&', 'and', 'at', '@', '/', 'y', 'e', 'iyo', 'thiab', 'و', 'x']);

/** Words around a place that are not its name ("near", "the corner of", "cerca de la"). */
const FILLER = new Set([
  'near',
  'by',
  'the',
  'corner',
  'of',
  'intersection',
  'cerca',
  'de',
  'del',
  'la',
  'el',
  'esquina',
  'con',
  'ku',
  'dhow',
  'agagaarka',
  'ze',
  'ntawm',
  'قرب',
  'بالقرب',
  'من',
  'تقاطع',
  'عند',
]);

/**
 * Lower-case, accents and punctuation dropped (a hyphen is a space: "Cedar-Riverside"),
 * "&" kept as a word. Arabic's "و" (and) is split off the word it is written onto.
 */
export function words(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' & ')
    .replace(/@/g, ' @ ')
    .replace(/\//g, ' / ')
    .replace(/[^\p{L}\p{N}&@/]+/gu, ' ');
  return plain
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (w.length > 2 && w.startsWith('و') ? ['و', w.slice(1)] : [w]));
}

/**
 * Words as matching sees them: street words in one form; a leading "St" before a name is
 * Saint ("St. Anthony East"); compass words dropped only from a street's name ("Chicago Ave S"
 * is "Chicago"), never from an area's ("Downtown East" is not "Downtown West").
 */
function canonicalWords(ws: string[]): string[] {
  const out = ws.map((w, i) => (i === 0 && ws.length > 1 && (w === 'st' || w === 'saint') ? 'saint' : (STREET_WORDS[w] ?? w)));
  return out.some(isStreetWord) ? out.filter((w) => !DIRECTIONS.has(w)) : out;
}

/**
 * A place name in matching form: "Chicago Ave S" → "chicago ave". Only leading filler is
 * dropped ("near", "the"), since inside a name it is part of it ("Lake of the Isles").
 */
export function normalizeName(text: string): string {
  const ws = words(text);
  let start = 0;
  while (start < ws.length - 1 && FILLER.has(ws[start])) start++;
  return canonicalWords(ws.slice(start)).join(' ');
}

/**
 * The parts of typed text: two streets when it names a corner ("lake st and chicago" →
 * ["lake st", "chicago"]), otherwise one name. Street words that lead a name ("Calle Lake")
 * are moved behind it, as English writes them, so both spellings meet.
 */
export function queryParts(text: string): string[] {
  const parts: string[][] = [[]];
  for (const w of words(text)) {
    if (CORNER_JOINS.has(w)) {
      if (parts[parts.length - 1].length > 0) parts.push([]);
      continue;
    }
    if (FILLER.has(w)) continue;
    parts[parts.length - 1].push(w);
  }
  return parts
    .map(canonicalWords)
    .map((p) => (p.length > 1 && isStreetWord(p[0]) ? [...p.slice(1), p[0]] : p))
    .map((p) => p.join(' '))
    .filter(Boolean)
    .slice(0, 2);
}

/** Whether a word joins two streets of a corner ("&", "and", "y", "iyo", "thiab", "و"…). */
export function isCornerJoin(word: string): boolean {
  return CORNER_JOINS.has(word);
}

/** Whether a canonical word is a street type (st, ave…). */
export function isStreetWord(word: string): boolean {
  return Object.values(STREET_WORDS).includes(word);
}

/** A street's name without its type, for matching a corner's streets loosely ("lake st" → "lake"). */
export function streetCore(name: string): string {
  const core = name
    .split(' ')
    .filter((w) => !isStreetWord(w))
    .join(' ');
  return core || name;
}
