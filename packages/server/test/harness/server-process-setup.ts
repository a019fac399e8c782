import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Dialect } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from './dialects.ts';
import type { ServerProcess } from './server-process.ts';

/** What a server-process test file works with: its database, a scratch directory, and the server it started. */
export interface ServerProcessScene {
  t: TestDatabase;
  dir: string;
  /** Set by the test when it starts one; stopped after the file's tests. */
  server: ServerProcess;
}

/**
 * The setup every `switchboard serve` test repeats: a throwaway database of one dialect
 * (closed, so the server process is the one that opens it) and a scratch directory, and at
 * the end the server stopped (with `stopSignal`), the directory removed and the database dropped.
 */
export function serverProcessScene(dialect: Dialect, prefix: string, stopSignal?: NodeJS.Signals): ServerProcessScene {
  const scene = {} as ServerProcessScene;
  beforeAll(async () => {
    scene.t = await createTestDatabase(dialect);
    await scene.t.database.close();
    scene.dir = mkdtempSync(join(tmpdir(), prefix));
  }, 60_000);
  afterAll(async () => {
    await scene.server?.kill(stopSignal);
    if (scene.dir) rmSync(scene.dir, { recursive: true, force: true });
    await scene.t?.drop().catch(() => undefined);
  });
  return scene;
}

/** Read the database beside a running server, on a connection of its own. */
export async function readBeside<T>(url: string, read: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const database = openDatabase(url);
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}
