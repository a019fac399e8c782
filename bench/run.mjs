#!/usr/bin/env node
// Runs every bench/*.bench.mjs in turn, one process each (so one bench's warm state
// cannot help another), and passes through the one-JSON-line-per-figure output.
// `npm run bench [-- name-filter]`; BENCH_SECONDS sets each measurement's length.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no bench/*.bench.mjs matches "${filter}"`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, [join(here, file)], {
    cwd: join(here, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    try {
      console.log(JSON.stringify({ file, ...JSON.parse(line) }));
    } catch {
      console.error(line);
    }
  }
  if (r.status !== 0) {
    failed++;
    console.error(`${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
