// Live paths, against a real server process on SQLite:
// (1) a verified alert fanned out to 10,000 connected SSE subscribers of the public alert
//     stream: delivery latency p99 (from the verify request) and server memory per connection;
// (2) report acknowledged → on a dispatcher's stream, while 200 reports/s arrive: p99.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { emit, log, round } from './lib/harness.mjs';

register();
const { startServer, writeKey, signInHttp } = await import('../packages/server/test/harness/server-process.ts');

const SUBSCRIBERS = Number(process.env.BENCH_SSE_CLIENTS ?? 10_000);
const PASSWORD = 'demo-password-2026';
const dir = mkdtempSync(join(tmpdir(), 'switchboard-rt-'));
// Every subscriber names its own source (X-Forwarded-For, trusted here) so per-source limits still apply as in production.
const server = await startServer('demo-start', {
  DATABASE_URL: `file:${join(dir, 'rt.db')}`,
  SWITCHBOARD_KEY_FILE: writeKey(dir),
  TRUST_PROXY: '1',
});
let source = 0;
const nextSource = () => `10.${(++source >> 16) & 255}.${(source >> 8) & 255}.${source & 255}`;
const { port } = new URL(server.url);
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))[1]);
const pct = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function api(method, path, cookie, body) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextSource(), ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Open one SSE connection; resolves when the stream is up; `onEvent(type, data, at)` per event. */
function openStream(path, headers, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const at = performance.now();
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          if (type === 'ready') resolve(req);
          else if (type) onEvent(type, /^data: (.*)$/m.exec(block)?.[1], at);
        }
      });
    });
    req.on('error', reject);
  });
}

try {
  const admin = await signInHttp(server.url, 'admin@demo.switchboard.local', PASSWORD);
  const dispatcher = await signInHttp(server.url, 'dispatcher@demo.switchboard.local', PASSWORD);
  await api('PATCH', '/api/v1/networks/twin-cities/settings', admin, { rapidResponse: { publicAlertMap: true } });

  // (1) fan-out
  const rssBefore = rssKb();
  const received = [];
  const streams = [];
  log(`opening ${SUBSCRIBERS} alert streams`);
  for (let i = 0; i < SUBSCRIBERS; i += 500) {
    const batch = [];
    for (let j = i; j < Math.min(SUBSCRIBERS, i + 500); j++)
      batch.push(
        openStream(
          '/api/v1/networks/twin-cities/alerts/stream',
          { 'x-forwarded-for': nextSource() },
          (type, _d, at) => type === 'alert.published' && received.push(at),
        ),
      );
    streams.push(...(await Promise.all(batch)));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const rssConnected = rssKb();
  const point = { lat: 44.9486, lng: -93.2526 };
  await api('POST', '/api/v1/networks/twin-cities/reports', null, { category: 'home_raid', point });
  await api('POST', '/api/v1/networks/twin-cities/reports', null, { category: 'home_raid', point });
  const [incident] = (await api('GET', '/api/v1/networks/twin-cities/incidents', dispatcher)).incidents;
  const t0 = performance.now();
  await api('POST', `/api/v1/networks/twin-cities/incidents/${incident.id}/status`, dispatcher, {
    status: 'verified',
    reason: 'corroborated',
    version: incident.version,
  });
  const deadline = Date.now() + 15_000;
  while (received.length < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const latencies = received.map((at) => at - t0);
  emit({
    bench: 'alert-sse-fanout',
    subscribers: SUBSCRIBERS,
    delivered: received.length,
    first_ms: round(Math.min(...latencies), 1),
    p50_ms: round(pct(latencies, 0.5), 1),
    p99_ms: round(pct(latencies, 0.99), 1),
    server_kb_per_connection: round((rssConnected - rssBefore) / SUBSCRIBERS, 2),
    baseline: 'server RSS before the connections',
    baseline_rss_mb: round(rssBefore / 1024, 1),
    target: 'p99 <= 500 ms, <= 20 KB per connection',
  });
  for (const s of streams) s.destroy();

  // (2) ack → dispatcher stream at 200 reports/s
  const acked = new Map();
  const onStream = new Map();
  await openStream('/api/v1/networks/twin-cities/dispatch/stream', { cookie: dispatcher }, (type, data, at) => {
    if (type !== 'report.created') return;
    const n = JSON.parse(data).report.description;
    onStream.set(n, at);
  });
  const RATE = 200;
  const SECONDS = 5;
  const sends = [];
  const start = performance.now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const id = `rt-${i}`;
    sends.push(
      api('POST', '/api/v1/networks/twin-cities/reports', null, {
        category: 'checkpoint',
        description: id,
        point: { lat: 44.8 + (i % 50) / 100, lng: -93.2 },
      }).then(() => acked.set(id, performance.now())),
    );
  }
  await Promise.all(sends);
  await new Promise((r) => setTimeout(r, 500));
  // The event is published right after commit, before the HTTP answer: it can beat the ack (counted as 0).
  const lags = [...acked].map(([id, at]) => (onStream.has(id) ? Math.max(0, onStream.get(id) - at) : Number.POSITIVE_INFINITY));
  emit({
    bench: 'ack-to-dispatcher-stream',
    rate_per_s: RATE,
    reports: lags.length,
    missing: lags.filter((x) => x === Number.POSITIVE_INFINITY).length,
    p50_ms: round(pct(lags, 0.5), 1),
    p99_ms: round(pct(lags, 0.99), 1),
    target: 'p99 <= 100 ms',
  });
} finally {
  await server.kill();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
