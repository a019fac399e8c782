import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/harness/dialects.ts';
import { appendAudit, verifyAudit } from './audit.ts';

describe.each(DIALECTS)('hash-chained audit log on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const { db } = t.database;
    for (let i = 0; i < 5; i++) {
      await db.transaction().execute((trx) =>
        appendAudit(trx, dialect, new Date(Date.UTC(2026, 10, 29, 12, i)), {
          networkId: null,
          actorId: null,
          action: `test.${i}`,
          targetType: 'thing',
          targetId: String(i),
          detail: { i },
        }),
      );
    }
  });
  afterEach(() => t.drop());

  it('verifies an untouched chain', async () => {
    expect(await verifyAudit(t.database.db)).toEqual({ ok: true, entries: 5 });
  });

  it('detects an edited entry', async () => {
    await t.database.db.updateTable('audit_log').set({ action: 'test.innocent' }).where('seq', '=', 3).execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'edited entry' });
  });

  it('detects a deleted entry in the middle', async () => {
    await t.database.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects deleted entries at the end', async () => {
    await t.database.db.deleteFrom('audit_log').where('seq', '>=', 4).execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, reason: 'entries missing at the end' });
  });

  it('detects a re-hashed edit (the next entry no longer links)', async () => {
    const { entryHash } = await import('./audit-chain.ts');
    const row = await t.database.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    const forged = entryHash({
      seq: 2,
      networkId: null,
      actorId: null,
      action: 'test.forged',
      targetType: row.target_type,
      targetId: row.target_id,
      detail: row.detail,
      createdAt: new Date(row.created_at).toISOString(),
      prevHash: row.prev_hash,
    });
    await t.database.db.updateTable('audit_log').set({ action: 'test.forged', hash: forged }).where('seq', '=', 2).execute();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'broken link' });
  });

  it('keeps one chain under concurrent appends', async () => {
    const { db } = t.database;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute((trx) =>
          appendAudit(trx, dialect, new Date(), {
            networkId: null,
            actorId: null,
            action: 'concurrent',
            targetType: 'thing',
            targetId: String(i),
          }),
        ),
      ),
    );
    expect(await verifyAudit(db)).toEqual({ ok: true, entries: 25 });
  });
});
