import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { readAuditHead, verifyAudit } from '../../src/platform/audit/audit.ts';
import { Keyring, readKeyFile } from '../../src/platform/crypto/keyring.ts';
import { readState, writeState } from '../../src/platform/state/system-state.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../harness/dialects.ts';
import { startServer, writeKey, type ServerProcess } from '../harness/server-process.ts';

/** The export file's checkpoints, newest last. */
const exported = (file: string): Array<{ seq: number }> =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

/**
 * A running server signs the audit head as entries are written, without being shut down
 * cleanly: after SIGKILL the newest entry is covered, in the database and in the export file,
 * and a tail cut afterwards is reported.
 */
describe.each(DIALECTS)('serve signs audit checkpoints on %s', (dialect) => {
  let t: TestDatabase;
  let dir: string;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await t.database.close();
    dir = mkdtempSync(join(tmpdir(), 'sb-audit-serve-'));
  }, 60_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await t.drop().catch(() => undefined);
  });

  it('covers the newest entry before a SIGKILL, and the cut tail shows afterwards', async () => {
    const keyFile = writeKey(dir);
    const exportFile = join(mkdtempSync(join(dir, 'other-mount-')), 'audit-checkpoints.jsonl');
    // The demo seed writes audit entries (networks, grants, memberships) as it runs.
    server = await startServer('demo-start', {
      DATABASE_URL: t.url,
      SWITCHBOARD_KEY_FILE: keyFile,
      SWITCHBOARD_AUDIT_EXPORT_FILE: exportFile,
    });
    const database = openDatabase(t.url);
    try {
      const head = await readAuditHead(database.db);
      expect(head.seq).toBeGreaterThan(3);
      const deadline = Date.now() + 20_000;
      // Signed in both places (the file is written first, then the database).
      const signedEverywhere = async () =>
        exported(exportFile).at(-1)?.seq === head.seq &&
        JSON.parse((await readState(database.db, 'audit_checkpoint')) ?? '{}').seq === head.seq;
      while (!(await signedEverywhere())) {
        if (Date.now() > deadline) throw new Error(`head ${head.seq} not signed: ${server.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await server.kill('SIGKILL');
      // Killed by a signal, the child has no exit code: nothing left to kill.
      server = undefined;
      const keyring = new Keyring(readKeyFile(keyFile));
      expect(await verifyAudit(database.db, { keyring, exportFile })).toMatchObject({
        ok: true,
        checkpoints: { newestSeq: head.seq, unsignedEntries: 0 },
      });

      // With the database alone: the newest two entries deleted, the plain head fixed up.
      await database.db
        .deleteFrom('audit_log')
        .where('seq', '>', head.seq - 2)
        .execute();
      const kept = await database.db
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await writeState(database.db, 'audit_head', `${kept.seq}:${kept.hash}`);
      expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
      expect(await verifyAudit(database.db, { keyring, exportFile })).toMatchObject({
        ok: false,
        reason: 'entries missing at the end',
        brokenAt: head.seq - 1,
      });
    } finally {
      await database.close();
    }
  }, 90_000);
});
