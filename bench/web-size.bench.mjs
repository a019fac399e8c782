// What an old phone downloads on its first visit: the page, its entry script, the modules it
// preloads and its stylesheet, as gzip sends them (the build precompresses; the server sends
// the .gz or .br as is). Target ≤ 200 KB gzip (issue 9). Baseline: the same files uncompressed,
// which is what was sent before the build wrote .gz/.br copies. Builds the web app if needed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { emit, log, round } from './lib/harness.mjs';

const dist = new URL('../packages/web/dist/', import.meta.url).pathname;
if (!existsSync(join(dist, 'index.html'))) {
  log('building the web app');
  execFileSync('npm', ['run', 'build', '-w', '@switchboard/web'], { stdio: 'ignore' });
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const linked = [
  ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*\shref)="\/([^"]+)"/g),
].map((m) => m[1]);
const files = ['index.html', ...linked];
const sizes = files.map((f) => {
  const raw = readFileSync(join(dist, f));
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, br: brotliCompressSync(raw).length };
});
const sum = (k) => sizes.reduce((n, s) => n + s[k], 0);
const allJs = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .reduce((n, f) => n + gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length, 0);
emit({
  bench: 'web-first-load-size',
  requests: files.length,
  ours_gzip_kb: round(sum('gzip') / 1024, 1),
  ours_brotli_kb: round(sum('br') / 1024, 1),
  target_gzip_kb: 200,
  baseline: 'the same files uncompressed',
  baseline_kb: round(sum('raw') / 1024, 1),
  ratio: round(sum('gzip') / sum('raw'), 3),
  all_js_gzip_kb: round(allJs / 1024, 1),
});
