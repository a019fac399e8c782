import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('..', import.meta.url));

/** Run a command, resolving with its exit code and output instead of throwing on a non-zero exit. */
async function exec(file: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd: serverDir,
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// What operators run (`npm run build -w @switchboard/server`, then `node dist/cli.js`):
// the esbuild bundle, not the TypeScript sources the other tests import.
describe('the built CLI (dist/cli.js)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-cli-build-'));
    const built = await exec(process.execPath, ['build.mjs']);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain('Built packages/server/dist/cli.js');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage for help and exits 0; an unknown command exits 2', async () => {
    const help = await exec(process.execPath, ['dist/cli.js', 'help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: switchboard <command>');
    expect(help.stdout).toContain('audit verify');
    expect((await exec(process.execPath, ['dist/cli.js', 'no-such-command'])).code).toBe(2);
  });

  it('migrates a new SQLite file, then finds it up to date', async () => {
    const file = join(dir, 'switchboard.db');
    const env = { DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' };
    const first = await exec(process.execPath, ['dist/cli.js', 'migrate'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Applied: 2026-11-29T0001-foundation, .*2026-11-29T0007-audit-retention/);
    const again = await exec(process.execPath, ['dist/cli.js', 'migrate'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe('Database is up to date.');
    const db = new Database(file, { readonly: true });
    try {
      const tables = db
        .prepare("select name from sqlite_master where type = 'table'")
        .all()
        .map((r) => (r as { name: string }).name);
      expect(tables).toEqual(
        expect.arrayContaining(['networks', 'memberships', 'audit_log', 'audit_anchors', 'schema_migrations']),
      );
    } finally {
      db.close();
    }
  });
});
