// Place resolution: typed words → the best of 50,000 gazetteer names (a large city's corners,
// landmarks and neighbourhoods), the way every report without GPS is placed. Queries are
// written as people write them (abbreviations, another language's street words, a misspelling)
// and as free SMS text with a corner inside. Baseline in the same run: an exact Map lookup of
// the lower-cased name, the floor any resolver pays.
import { register } from 'tsx/esm/api';
import { emit, round } from './lib/harness.mjs';

register();
const { Gazetteer } = await import('../packages/server/src/modules/places/gazetteer.ts');

const rand = mulberry32(7);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
// Street names as a North American city has them: ~140 names, each as two or three kinds of
// street ("Lake St" and "Lake Ave" both exist), and 80 numbered streets and avenues.
const WORDS =
  'Lake Cedar Elm Oak Maple River Park Hill Mill Pine Washington Lincoln Jefferson Franklin Madison Monroe Jackson Adams Grant Chicago Portland Nicollet Lyndale Hennepin Bloomington Minnehaha Hiawatha Riverside Penn Emerson Fremont Girard Humboldt Irving James Knox Logan Morgan Newton Oliver Queen Russell Sheridan Thomas Upton Vincent Xerxes York Zenith Aldrich Bryant Colfax Dupont Garfield Harriet Blaisdell Pleasant Pillsbury Stevens Clinton Columbus Elliot Marquette Hawthorne Spruce Willow Birch Ash Walnut Chestnut Highland Summit Grand Dale Victoria Lexington Hamline Snelling Fairview Cleveland Cretin Marshall Selby Ashland Goodrich Palace Randolph Bayard Stanford Juliet Wellesley Niagara Seward Como Larpenteur Roselawn Hoyt Nebraska Maryland Arlington Minnesota Wabasha Robert Chavez Concord Wentworth Annapolis Dodd Smith Ohio Stryker Bellows Cherokee Sibley Kellogg Shepard Warner Jessamine Payne Arcade Edgerton Kennard Ruth White Bear'.split(
    ' ',
  );
const ordinal = (n) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
const STREETS = [
  ...new Set([
    ...WORDS.map((w) => `${w} ${pick(['St', 'Ave', 'Rd', 'Blvd', 'Pkwy'])}`),
    ...WORDS.map((w) => `${w} ${pick(['St', 'Ave', 'Rd', 'Blvd'])}`),
    ...WORDS.map((w) => `${w} ${pick(['Ln', 'Ct', 'Pl', 'Dr'])}`),
    ...Array.from({ length: 80 }, (_, i) => `${ordinal(i + 1)} St`),
    ...Array.from({ length: 80 }, (_, i) => `${ordinal(i + 1)} Ave`),
  ]),
];
const entries = [];
const named = new Set();
for (let i = 0; entries.length < 50_000; i++) {
  const a = pick(STREETS);
  const b = pick(STREETS);
  if (a === b || named.has(`${a} & ${b}`) || named.has(`${b} & ${a}`)) continue;
  named.add(`${a} & ${b}`);
  entries.push({
    id: `p${i}`,
    kind: 'intersection',
    name: `${a} & ${b}`,
    lat: 44.9 + rand() * 0.1,
    lng: -93.3 + rand() * 0.1,
    areaName: null,
  });
}
const gazetteer = new Gazetteer(entries);
const exact = new Map(entries.map((e) => [e.name.toLowerCase(), e]));

const QUERIES = 5_000;
const typed = Array.from({ length: QUERIES }, (_, i) => {
  const e = entries[Math.floor(rand() * entries.length)];
  const [a, b] = e.name.split(' & ');
  switch (i % 4) {
    case 0:
      return e.name.toLowerCase();
    case 1:
      return `${a.replace(/ St$/, ' Street').replace(/ Ave$/, ' Avenue')} and ${b}`;
    case 2:
      return `Waddada ${a.split(' ')[0]} iyo ${b.split(' ')[0]}`;
    default:
      // An SMS: no location field, the place is somewhere in the message.
      return { sms: `ICE vans parked at ${a} & ${b} right now` };
  }
});

function measure(fn) {
  for (let i = 0; i < 500; i++) fn(typed[i]);
  const times = new Float64Array(QUERIES);
  let hits = 0;
  for (let i = 0; i < QUERIES; i++) {
    const t0 = process.hrtime.bigint();
    if (fn(typed[i])) hits++;
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  times.sort();
  return { p50: times[Math.floor(QUERIES * 0.5)], p99: times[Math.floor(QUERIES * 0.99)], hits };
}

// What intake does (places.service locate): a typed location is searched; an SMS is read for a place inside it.
const ours = measure((q) => (typeof q === 'string' ? gazetteer.search(q, 1)[0] : gazetteer.findIn(q.sms)));
const base = measure((q) => exact.get(typeof q === 'string' ? q : q.sms));
emit({
  bench: 'place-resolution-50k-names',
  ours_p99_ms: round(ours.p99, 3),
  ours_p50_ms: round(ours.p50, 3),
  target_p99_ms: 5,
  resolved: `${ours.hits}/${QUERIES}`,
  baseline: 'exact Map lookup of the lower-cased name',
  baseline_p99_ms: round(base.p99, 4),
  baseline_resolved: `${base.hits}/${QUERIES}`,
});

function mulberry32(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
