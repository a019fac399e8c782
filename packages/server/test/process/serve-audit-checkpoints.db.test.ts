import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { readAuditHead, verifyAudit } from '../../src/platform/audit/audit.ts';
import { Keyring, readKeyFile } from '../../src/platform/crypto/keyring.ts';
import { readState, writeState } from '../../src/platform/state/system-state.ts';
import { DIALECTS } from '../harness/dialects.ts';
import { serverProcessScene } from '../harness/server-process-setup.ts';
import { startServer, writeKey } from '../harness/server-process.ts';

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
  const scene = serverProcessScene(dialect, 'sb-audit-serve-', 'SIGKILL');

  it('covers the newest entry before a SIGKILL, and the cut tail shows afterwards', async () => {
    const keyFile = writeKey(scene.dir);
    const exportFile = join(mkdtempSync(join(scene.dir, 'other-mount-')), 'audit-checkpoints.jsonl');
    // The demo seed writes audit entries (networks, grants, memberships) as it runs.
    scene.server = await startServer('demo-start', {
      DATABASE_URL: scene.t.url,
      SWITCHBOARD_KEY_FILE: keyFile,
      SWITCHBOARD_AUDIT_EXPORT_FILE: exportFile,
    });
    const database = openDatabase(scene.t.url);
    try {
      const head = await readAuditHead(database.db);
      expect(head.seq).toBeGreaterThan(3);
      const deadline = Date.now() + 20_000;
      // Signed in both places (the file is written first, then the database).
      const signedEverywhere = async () =>
        exported(exportFile).at(-1)?.seq === head.seq &&
        JSON.parse((await readState(database.db, 'audit_checkpoint')) ?? '{}').seq === head.seq;
      while (!(await signedEverywhere())) {
        if (Date.now() > deadline) throw new Error(`head ${head.seq} not signed: ${scene.server.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await scene.server.kill('SIGKILL');
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
