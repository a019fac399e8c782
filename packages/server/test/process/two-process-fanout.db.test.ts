import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../harness/dialects.ts';
import { signInHttp, startServer, writeKey, type ServerProcess } from '../harness/server-process.ts';

/** Read Server-Sent Events from a stream until `want` matches one, or time runs out. */
async function waitForEvent(
  body: ReadableStream<Uint8Array>,
  want: (type: string, data: unknown) => boolean,
  ms: number,
): Promise<unknown> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  const deadline = Date.now() + ms;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((r) =>
          setTimeout(() => r({ done: true, value: undefined }), deadline - Date.now()),
        ),
      ]);
      if (chunk.done) break;
      buffer += chunk.value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data && want(type, JSON.parse(data))) return JSON.parse(data);
      }
    }
    return undefined;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

describe('two app processes on one PostgreSQL', () => {
  let t: TestDatabase;
  let dir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    await t.database.close();
    dir = mkdtempSync(join(tmpdir(), 'sb-fanout-'));
    const env = { DATABASE_URL: t.url, SWITCHBOARD_KEY_FILE: writeKey(dir) };
    a = await startServer('demo-start', env);
    b = await startServer('serve', env);
  }, 60_000);
  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    rmSync(dir, { recursive: true, force: true });
    await t.drop().catch(() => undefined);
  });

  it('shows a report posted to one process on a dispatcher stream held by the other', async () => {
    const cookie = await signInHttp(b.url, 'dispatcher@demo.switchboard.local', 'demo-password-2026');
    const stream = await fetch(`${b.url}/api/v1/networks/twin-cities/dispatch/stream`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const seen = waitForEvent(
      stream.body!,
      (type, data) =>
        type === 'report.created' && (data as { report: { description: string } }).report.description === 'seen across processes',
      10_000,
    );
    await new Promise((r) => setTimeout(r, 200));
    const posted = await fetch(`${a.url}/api/v1/networks/twin-cities/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'checkpoint', description: 'seen across processes', point: { lat: 44.95, lng: -93.26 } }),
    });
    expect(posted.status).toBe(201);
    expect(await seen).toMatchObject({ report: { category: 'checkpoint', source: 'api' } });
  }, 30_000);
});
