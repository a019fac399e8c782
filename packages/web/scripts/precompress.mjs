// After `vite build`: write a gzip and a brotli copy beside every text asset, so the server
// sends them as they are (@fastify/static's preCompressed) instead of compressing per request.
// Node's zlib is the standard implementation of both; no plugin needed for a dozen lines.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// The folder to compress: the web build by default, or the one given (tests build their own).
const dist = process.argv[2] ?? new URL('../dist/', import.meta.url).pathname;
const TEXT = /\.(m?js|css|html|json|svg|webmanifest|txt|map)$/;
/** Below this, compression costs more than it saves. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let count = 0;
for (const path of files(dist)) {
  if (!TEXT.test(path)) continue;
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
  );
  count++;
}
console.log(`precompressed ${count} files (gzip, brotli)`);
