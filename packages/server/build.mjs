// Bundles the server (and the shared package it imports as TypeScript) into dist/cli.js.
// npm dependencies stay external: they are installed beside it.
import { cpSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  sourcemap: true,
  external: Object.keys(pkg.dependencies ?? {}),
  banner: {
    js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);",
  },
});
// The demo's place files, read beside the bundle (src/demo/demo-places.ts).
cpSync('src/demo/gazetteer', 'dist/gazetteer', { recursive: true });
console.log('Built packages/server/dist/cli.js');
