import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realApp } from './lib/app.mjs';
import { load } from './lib/harness.mjs';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const app = await realApp(process.argv[2] === 'pg' ? process.env.PGURL : `file:${join(dir, 'b.db')}`);
await load('warm', { url: `${app.base}/api/v1/networks/alpha/organizations`, headers: { cookie: app.cookie }, connections: 20 });
const s = new Session();
s.connect();
await s.post('Profiler.enable');
await s.post('Profiler.setSamplingInterval', { interval: 200 });
await s.post('Profiler.start');
const r = await load('read', {
  url: `${app.base}/api/v1/networks/alpha/organizations`,
  headers: { cookie: app.cookie },
  connections: 20,
});
const { profile } = await s.post('Profiler.stop');
writeFileSync('/tmp/prof/read.cpuprofile', JSON.stringify(profile));
console.log(JSON.stringify(r));
process.exit(0);
