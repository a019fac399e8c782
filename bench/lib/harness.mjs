// Shared bench plumbing: a separate-process load generator, listening on loopback,
// and one-JSON-line output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Seconds each load runs (BENCH_SECONDS). */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Progress to stderr, so stdout stays one JSON line per figure. */
export const log = (...a) => console.error('[bench]', ...a);
/** Print one figure. */
export const emit = (o) => console.log(JSON.stringify(o));
/** Round to d decimals. */
export const round = (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** Load a URL for SECONDS from a separate process (lib/load.mjs); fail loudly unless every answer was 2xx. */
export async function load(name, options) {
  log(`${name}: ${options.connections} connections, ${SECONDS} s`);
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./load.mjs', import.meta.url)), JSON.stringify({ ...options, seconds: SECONDS })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${name}: load generator exited with ${code}`);
  const r = JSON.parse(out);
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.total}`);
  return r;
}

/** Listen on a free loopback port; returns the base URL. */
export async function listen(app) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${app.server.address().port}`;
}
