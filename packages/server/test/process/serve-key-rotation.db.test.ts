import { copyFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { encryptedColumns } from '../../src/modules.ts';

const ENCRYPTED_COLUMNS = encryptedColumns();
import { Keyring, readKeyFile } from '../../src/platform/crypto/keyring.ts';
import { DIALECTS } from '../harness/dialects.ts';
import { serverProcessScene } from '../harness/server-process-setup.ts';
import { signInHttp, startServer, writeKey } from '../harness/server-process.ts';

/** Every encrypted value in the database, by column. */
async function encryptedValues(
  url: string,
): Promise<{ purpose: (typeof ENCRYPTED_COLUMNS)[number]['purpose']; value: string }[]> {
  const database = openDatabase(url);
  try {
    const db = database.db as unknown as Kysely<Record<string, Record<string, string | null>>>;
    const out = [];
    for (const col of ENCRYPTED_COLUMNS) {
      const rows = await db
        .selectFrom(col.table)
        .select(sql.ref<string>(col.column).as('value'))
        .where(col.column, 'is not', null)
        .execute();
      for (const r of rows) out.push({ purpose: col.purpose, value: r.value as string });
    }
    return out;
  } finally {
    await database.close();
  }
}

/**
 * "Key rotation re-encrypts in the background": `switchboard serve` started with a new key
 * and the previous one re-encrypts every field under the new key while it serves, without
 * anyone running a command.
 */
describe.each(DIALECTS)('key rotation started by serve on %s', (dialect) => {
  const scene = serverProcessScene(dialect, 'sb-rotate-');

  it('re-encrypts every field under the new key while serving', async () => {
    // The demo, under the old key: people's phones, site notes and the like are encrypted.
    const oldKeyFile = writeKey(scene.dir);
    scene.server = await startServer('demo-start', { DATABASE_URL: scene.t.url, SWITCHBOARD_KEY_FILE: oldKeyFile });
    await scene.server.kill();
    const oldKey = new Keyring(readKeyFile(oldKeyFile));
    const before = await encryptedValues(scene.t.url);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((v) => Keyring.keyIdOf(v.value) === oldKey.keyId)).toBe(true);

    const previous = join(scene.dir, 'previous.key');
    copyFileSync(oldKeyFile, previous);
    const newKeyFile = writeKey(mkdtempSync(join(scene.dir, 'new-')));
    scene.server = await startServer('serve', {
      DATABASE_URL: scene.t.url,
      SWITCHBOARD_KEY_FILE: newKeyFile,
      SWITCHBOARD_PREVIOUS_KEY_FILE: previous,
    });
    const newKey = new Keyring(readKeyFile(newKeyFile));

    const deadline = Date.now() + 30_000;
    let after = await encryptedValues(scene.t.url);
    while (after.some((v) => Keyring.keyIdOf(v.value) !== newKey.keyId)) {
      if (Date.now() > deadline) throw new Error(`rotation did not finish: ${scene.server.output()}`);
      await new Promise((r) => setTimeout(r, 200));
      after = await encryptedValues(scene.t.url);
    }
    // Nothing lost, and the new key alone reads every field.
    expect(after.length).toBe(before.length);
    const plain = (ring: Keyring, values: typeof before) => values.map((v) => ring.decrypt(v.purpose, v.value)).sort();
    expect(plain(newKey, after)).toEqual(plain(oldKey, before));
    // It kept serving meanwhile.
    expect(await signInHttp(scene.server.url, 'admin@demo.switchboard.local', 'demo-password-2026')).toMatch(/^sb_session=/);
  }, 120_000);
});
