import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/harness/dialects.ts';
import { auditKeepDays, purgeAuditLog } from './audit-retention.ts';
import { appendAudit, verifyAudit } from './audit.ts';

const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 1);

describe.each(DIALECTS)('audit retention on %s', (dialect) => {
  let t: TestDatabase;
  // Ten entries, one a day: seq n was written on day n-1.
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    for (let i = 0; i < 10; i++) {
      await t.database.db.transaction().execute((trx) =>
        appendAudit(trx, dialect, new Date(start + i * DAY), {
          networkId: null,
          actorId: null,
          action: `test.${i}`,
          targetType: 'thing',
          targetId: String(i),
        }),
      );
    }
  });
  afterEach(() => t.drop());

  const purge = (keepDays: number) => purgeAuditLog(t.database.db, dialect, new Date(start + 10 * DAY), keepDays);
  const seqs = async () =>
    (await t.database.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));

  it('deletes entries older than the period from the front, anchors the rest, and the chain still verifies', async () => {
    // Cutoff is day 6: entries from days 0..5 (seq 1..6) go.
    expect(await purge(4)).toEqual({ deleted: 6, throughSeq: 6 });
    expect(await seqs()).toEqual([7, 8, 9, 10, 11]);
    const purgeEntry = await t.database.db.selectFrom('audit_log').selectAll().where('seq', '=', 11).executeTakeFirstOrThrow();
    expect(purgeEntry.action).toBe('audit.purge');
    expect(JSON.parse(purgeEntry.detail)).toMatchObject({ throughSeq: 6, deleted: 6 });
    expect(await verifyAudit(t.database.db)).toEqual({ ok: true, entries: 5 });
    // Appending after a purge continues the chain; nothing more is old enough, so a second run deletes nothing.
    await t.database.db.transaction().execute((trx) =>
      appendAudit(trx, dialect, new Date(start + 10 * DAY), {
        networkId: null,
        actorId: null,
        action: 'after',
        targetType: 'thing',
        targetId: null,
      }),
    );
    expect(await purge(4)).toEqual({ deleted: 0 });
    expect(await verifyAudit(t.database.db)).toEqual({ ok: true, entries: 6 });
    // Cutoff day 9: seq 7..9 go, and the first purge's entry (seq 11, day 10) stays until a later run.
    expect(await purge(1)).toEqual({ deleted: 3, throughSeq: 9 });
    expect(await verifyAudit(t.database.db)).toEqual({ ok: true, entries: 4 });
    expect(await t.database.db.selectFrom('audit_anchors').select('through_seq').orderBy('through_seq').execute()).toEqual([
      { through_seq: 6 },
      { through_seq: 9 },
    ]);
  });

  it('removes the earlier purge entry in a later purge and still verifies', async () => {
    await purge(4);
    expect(await purgeAuditLog(t.database.db, dialect, new Date(start + 20 * DAY), 1)).toEqual({ deleted: 5, throughSeq: 11 });
    expect(await seqs()).toEqual([12]);
    expect(await verifyAudit(t.database.db)).toEqual({ ok: true, entries: 1 });
  });

  it('still detects an entry deleted inside the kept range', async () => {
    await purge(4);
    await t.database.db.deleteFrom('audit_log').where('seq', '=', 8).execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, brokenAt: 8, reason: 'missing entry' });
  });

  it('detects a removed anchor', async () => {
    await purge(4);
    await t.database.db.deleteFrom('audit_anchors').execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, brokenAt: 1, reason: 'missing entry' });
  });

  it('detects a tampered anchor hash', async () => {
    await purge(4);
    await t.database.db
      .updateTable('audit_anchors')
      .set({ through_hash: 'f'.repeat(64) })
      .execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, brokenAt: 7, reason: 'broken link' });
  });

  it('detects an anchor moved forward to hide deleted entries', async () => {
    await purge(4);
    // Delete seq 7..8 and point the anchor at seq 8 (whose hash the attacker read first).
    const eight = await t.database.db.selectFrom('audit_log').select('hash').where('seq', '=', 8).executeTakeFirstOrThrow();
    await t.database.db.deleteFrom('audit_log').where('seq', '<=', 8).execute();
    await t.database.db.updateTable('audit_anchors').set({ through_seq: 8, through_hash: eight.hash }).execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, reason: 'anchor does not match the last purge' });
  });

  it('detects an anchor forged without a purge', async () => {
    const three = await t.database.db.selectFrom('audit_log').select('hash').where('seq', '=', 3).executeTakeFirstOrThrow();
    await t.database.db.deleteFrom('audit_log').where('seq', '<=', 3).execute();
    await t.database.db
      .insertInto('audit_anchors')
      .values({ through_seq: 3, through_hash: three.hash, entries_deleted: 3, purged_at: new Date().toISOString() })
      .execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, reason: 'anchor does not match the last purge' });
  });

  it('keeps everything when nothing is old enough', async () => {
    expect(await purge(30)).toEqual({ deleted: 0 });
    expect(await seqs()).toHaveLength(10);
    expect(await t.database.db.selectFrom('audit_anchors').selectAll().execute()).toEqual([]);
  });
});

describe('auditKeepDays', () => {
  it('takes the shortest period any network set, or none without networks', () => {
    const n = (auditDays: number) => ({ settings: { retention: { auditDays } } });
    expect(auditKeepDays([n(365), n(90), n(400)])).toBe(90);
    expect(auditKeepDays([])).toBeNull();
  });
});
