// Nearest 10 qualified available responders among 100,000, through the dispatch index,
// against a raw h3-js gridDisk search over the same population in the same run
// (a Map from cell to responders, disks widened with gridDisk, the same qualification filter).
import { gridDisk, latLngToCell } from 'h3-js';
import { register } from 'tsx/esm/api';
import { emit, round } from './lib/harness.mjs';

register();
const { ResponderIndex, RESPONDER_RESOLUTION } = await import('../packages/server/src/modules/dispatch/responder-index.ts');

const N = 100_000;
const QUERIES = 20_000;
// A metro area about 60 km across around Minneapolis.
const rand = mulberry32(42);
const spot = () => ({ lat: 44.65 + rand() * 0.6, lng: -93.6 + rand() * 0.8 });
const index = new ResponderIndex();
const raw = new Map();
for (let i = 0; i < N; i++) {
  const p = spot();
  const cell = latLngToCell(p.lat, p.lng, RESPONDER_RESOLUTION);
  const qualifications = i % 4 === 0 ? ['legal_observer'] : [];
  index.upsert({ accountId: `r${i}`, cell, qualifications, languages: ['en'] });
  let bucket = raw.get(cell);
  if (!bucket) raw.set(cell, (bucket = []));
  bucket.push({ id: `r${i}`, qualifications });
}
const points = Array.from({ length: QUERIES }, spot);

/** Baseline: widen a gridDisk until it holds 10 qualified responders. */
function rawSearch(p) {
  const origin = latLngToCell(p.lat, p.lng, RESPONDER_RESOLUTION);
  for (let k = 0; k <= 12; k++) {
    const found = [];
    for (const c of gridDisk(origin, k))
      for (const r of raw.get(c) ?? []) if (r.qualifications.includes('legal_observer')) found.push(r.id);
    if (found.length >= 10) return found.slice(0, 10);
  }
  return [];
}

function measure(fn) {
  for (let i = 0; i < 2000; i++) fn(points[i]);
  const times = new Float64Array(QUERIES);
  for (let i = 0; i < QUERIES; i++) {
    const t0 = process.hrtime.bigint();
    fn(points[i]);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  times.sort();
  return { p50: times[Math.floor(QUERIES * 0.5)], p99: times[Math.floor(QUERIES * 0.99)] };
}

const ours = measure((p) => index.nearest(p, { count: 10, qualification: 'legal_observer' }));
const base = measure(rawSearch);
emit({
  bench: 'nearest-10-of-100k',
  ours_p99_us: round(ours.p99, 1),
  ours_p50_us: round(ours.p50, 1),
  baseline: 'raw h3-js gridDisk search, same qualification filter',
  baseline_p99_us: round(base.p99, 1),
  ratio: round(ours.p99 / base.p99, 2),
  target: 'p99 <= 1000 us and ratio <= 5',
});

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
