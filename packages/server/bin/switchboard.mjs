#!/usr/bin/env node
// Runs the CLI from source through tsx, so `npx switchboard` works in a checkout without a build.
// A built copy (npm run build) is at packages/server/dist/cli.js.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
runCli(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
