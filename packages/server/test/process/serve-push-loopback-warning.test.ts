import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, writeKey, type ServerProcess } from '../harness/server-process.ts';

// The push test setting lets subscriptions point at this machine: `serve` must never take it quietly.
describe('serve and PUSH_ALLOW_LOOPBACK_FOR_TESTS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-push-warning-'));
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (nodeEnv: string, name: string) => {
    const s = await startServer('serve', {
      DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
      SWITCHBOARD_KEY_FILE: writeKey(mkdtempSync(join(dir, name))),
      PUSH_ALLOW_LOOPBACK_FOR_TESTS: '1',
      NODE_ENV: nodeEnv,
    });
    servers.push(s);
    await new Promise((r) => setTimeout(r, 200));
    return s.output();
  };

  it('outside NODE_ENV=test it is ignored, and serve says so', async () => {
    expect(await start('production', 'prod')).toContain('PUSH_ALLOW_LOOPBACK_FOR_TESTS is set but IGNORED');
  });

  it('under NODE_ENV=test it is on, and serve warns that it is', async () => {
    expect(await start('test', 'test')).toContain('PUSH_ALLOW_LOOPBACK_FOR_TESTS is ON');
  });
});
