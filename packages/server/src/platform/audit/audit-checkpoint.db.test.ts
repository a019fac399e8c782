import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/harness/dialects.ts';
import { Keyring } from '../crypto/keyring.ts';
import { readState, writeState } from '../state/system-state.ts';
import { appendAudit, verifyAudit } from './audit.ts';
import { checkpointAudit, startAuditCheckpointer } from './audit-checkpointer.ts';
import { purgeAuditLog } from './audit-retention.ts';

const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 1, 12);

describe.each(DIALECTS)('signed audit checkpoints on %s', (dialect) => {
  let t: TestDatabase;
  let dir: string;
  let exportFile: string;
  let keyring: Keyring;
  let master: Buffer;
  const db = () => t.database.db;
  let day = 0;

  const append = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const at = new Date(start + day++ * DAY);
      await db()
        .transaction()
        .execute((trx) =>
          appendAudit(trx, dialect, at, {
            networkId: null,
            actorId: null,
            action: `test.${day}`,
            targetType: 'thing',
            targetId: String(day),
          }),
        );
    }
  };
  const sign = () => checkpointAudit(db(), keyring, new Date(start + day * DAY), exportFile);

  /** What someone with write access to the database alone does: delete the newest N rows, point the head at the new last row. */
  const cutTail = async (n: number) => {
    const last = await db().selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await db()
      .deleteFrom('audit_log')
      .where('seq', '>', last.seq - n)
      .execute();
    const kept = await db()
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await writeState(db(), 'audit_head', `${kept.seq}:${kept.hash}`);
  };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'sb-audit-export-'));
    exportFile = join(dir, 'checkpoints.jsonl');
    master = randomBytes(32);
    keyring = new Keyring(master);
    day = 0;
    await append(6);
  });
  afterEach(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an honest chain verifies, with its head signed and exported', async () => {
    expect(await sign()).toBe('signed');
    expect(await sign()).toBe('unchanged');
    await append(2);
    expect(await sign()).toBe('signed');
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({
      ok: true,
      entries: 8,
      checkpoints: { checked: true, newestSeq: 8, unsignedEntries: 0, exportLines: 2 },
    });
    const lines = readFileSync(exportFile, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual([6, 8]);
  });

  it('deleting the newest rows and rewriting audit_head passes the plain check, not the signed one', async () => {
    await sign();
    await cutTail(2);
    // The hole this closes: the chain and its plain head agree.
    expect(await verifyAudit(db())).toEqual({ ok: true, entries: 4 });
    expect(await verifyAudit(db(), { keyring })).toMatchObject({
      ok: false,
      reason: 'entries missing at the end',
      brokenAt: 5,
      source: 'database',
    });
  });

  it('the export file shows a cut even when the database copy is replaced by an older genuine one', async () => {
    await sign();
    const older = await readState(db(), 'audit_checkpoint');
    await append(3);
    await sign();
    await cutTail(3);
    await writeState(db(), 'audit_checkpoint', older!);
    // From inside the database it looks whole now…
    expect(await verifyAudit(db(), { keyring })).toMatchObject({ ok: true, entries: 6 });
    // …but the file on the other mount holds the newer checkpoint.
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({
      ok: false,
      reason: 'entries missing at the end',
      brokenAt: 7,
      source: 'export file line 2',
    });
  });

  it('a head signed without the key is reported as forged, in the database or in the file', async () => {
    await sign();
    await cutTail(2);
    const stored = JSON.parse((await readState(db(), 'audit_checkpoint'))!);
    const kept = await db()
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const forged = { ...stored, seq: kept.seq, hash: kept.hash, mac: randomBytes(32).toString('hex') };
    await writeState(db(), 'audit_checkpoint', JSON.stringify(forged));
    expect(await verifyAudit(db(), { keyring })).toMatchObject({ ok: false, reason: 'forged checkpoint', source: 'database' });
    // Signed with another key that claims this key's id.
    const other = new Keyring(randomBytes(32));
    const { signCheckpoint } = await import('./audit-checkpoint.ts');
    const imposter = { ...signCheckpoint(other, kept, new Date()), keyId: keyring.keyId };
    await writeState(db(), 'audit_checkpoint', JSON.stringify(imposter));
    expect(await verifyAudit(db(), { keyring })).toMatchObject({ ok: false, reason: 'forged checkpoint' });
    // Deleting the copy is no way out either.
    await db().deleteFrom('system_state').where('key', '=', 'audit_checkpoint').execute();
    expect(await verifyAudit(db(), { keyring })).toMatchObject({ ok: false, reason: 'no signed checkpoint' });

    writeFileSync(exportFile, `${JSON.stringify(forged)}\n`);
    await db().deleteFrom('audit_log').execute();
    await writeState(db(), 'audit_head', `0:${'0'.repeat(64)}`);
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({
      ok: false,
      reason: 'forged checkpoint',
      source: 'export file line 1',
    });
  });

  it('a rewritten history under a genuine checkpoint does not match it', async () => {
    await sign();
    // Recompute the whole chain after editing entry 3, and the plain head with it.
    const { GENESIS_HASH } = await import('./audit-chain.ts');
    const { hashOfRow } = await import('./audit.ts');
    await db().updateTable('audit_log').set({ action: 'test.innocent' }).where('seq', '=', 3).execute();
    let prev = GENESIS_HASH;
    for (const r of await db().selectFrom('audit_log').selectAll().orderBy('seq').execute()) {
      const hash = hashOfRow({ ...r, prev_hash: prev });
      await db().updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
      prev = hash;
    }
    await writeState(db(), 'audit_head', `6:${prev}`);
    expect(await verifyAudit(db())).toMatchObject({ ok: true });
    expect(await verifyAudit(db(), { keyring })).toMatchObject({
      ok: false,
      reason: 'checkpoint does not match the chain',
      brokenAt: 6,
    });
    // And the checkpointer will not sign over it.
    expect(await sign()).toBe('refused');
  });

  it('never signs over a cut tail, even once new entries pass the old count', async () => {
    await sign();
    await cutTail(2);
    await append(1);
    expect(await sign()).toBe('refused');
    await append(3);
    expect(await sign()).toBe('refused');
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({ ok: false });
  });

  it('sealed: nothing is signed, verify says the signatures went unchecked; once unsealed the head is signed', async () => {
    await sign();
    const sealed = new Keyring();
    await append(2);
    expect(await checkpointAudit(db(), sealed, new Date(), exportFile)).toBe('sealed');
    expect(await verifyAudit(db(), { keyring: sealed, exportFile })).toEqual({
      ok: true,
      entries: 8,
      checkpoints: { checked: false, note: 'sealed: no key loaded, so the signed checkpoints were not checked' },
    });
    // With the key, the entries made while sealed are counted, not called a cut.
    expect(await verifyAudit(db(), { keyring })).toMatchObject({ ok: true, checkpoints: { newestSeq: 6, unsignedEntries: 2 } });
    sealed.load(master);
    expect(await checkpointAudit(db(), sealed, new Date(), exportFile)).toBe('signed');
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({ ok: true, checkpoints: { newestSeq: 8 } });
  });

  it('retention purge still verifies, with the checkpoint before, at or behind the anchor', async () => {
    await sign(); // checkpoint at 6
    // Purge entries older than 3 days: seq 1–3 go, the purge entry becomes seq 7.
    const now = new Date(start + 6 * DAY);
    expect(await purgeAuditLog(db(), dialect, now, 3)).toMatchObject({ throughSeq: 3 });
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({ ok: true, checkpoints: { unsignedEntries: 1 } });
    expect(await sign()).toBe('signed');
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({ ok: true, entries: 4 });
    // Purge past every checkpoint: they sit behind the anchor and say nothing.
    expect(await purgeAuditLog(db(), dialect, new Date(start + 30 * DAY), 1)).toMatchObject({ throughSeq: 7 });
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({ ok: true, entries: 1 });
    expect(await sign()).toBe('signed');
    expect(await verifyAudit(db(), { keyring, exportFile })).toMatchObject({
      ok: true,
      entries: 1,
      checkpoints: { newestSeq: 8 },
    });
  });

  it('key rotation: old checkpoints verify while the previous key is loaded, the head is re-signed under the new one', async () => {
    await sign();
    const newMaster = randomBytes(32);
    const rotated = new Keyring(newMaster);
    rotated.addPrevious(master);
    expect(await verifyAudit(db(), { keyring: rotated, exportFile })).toMatchObject({ ok: true });
    expect(await checkpointAudit(db(), rotated, new Date(), exportFile)).toBe('signed');
    expect(JSON.parse((await readState(db(), 'audit_checkpoint'))!).keyId).toBe(rotated.keyId);
    // The old key destroyed: its line in the file can no longer be checked, and is said so.
    const newOnly = new Keyring(newMaster);
    expect(await verifyAudit(db(), { keyring: newOnly, exportFile })).toMatchObject({
      ok: true,
      checkpoints: { exportLines: 2, retiredKeyLines: 1, newestSeq: 6 },
    });
  });

  it('the running checkpointer signs soon after an append', async () => {
    const outcomes: unknown[] = [];
    const checkpointer = startAuditCheckpointer({ db: db(), keyring, now: () => new Date(start + day * DAY), exportFile }, (o) =>
      outcomes.push(o),
    );
    try {
      await checkpointer.flush();
      await append(1);
      await new Promise((r) => setTimeout(r, 200));
      await checkpointer.flush();
      expect(JSON.parse((await readState(db(), 'audit_checkpoint'))!).seq).toBe(7);
      expect(outcomes).toContain('signed');
      expect(outcomes).not.toContain('refused');
    } finally {
      await checkpointer.stop();
    }
  });
});
