import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/harness/dialects.ts';
import { afterCommit, runWithAfterCommit } from './after-commit.ts';

describe.each(DIALECTS)('after-commit tasks on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it('run after a commit, once the data is visible', async () => {
    const { db } = t.database;
    let seen: string | undefined;
    await runWithAfterCommit(
      (w) => db.transaction().execute(w),
      async (trx) => {
        await trx.insertInto('system_state').values({ key: 'k1', value: 'v1' }).execute();
        afterCommit(trx, async () => {
          seen = (await db.selectFrom('system_state').select('value').where('key', '=', 'k1').executeTakeFirst())?.value;
        });
      },
    );
    expect(seen).toBe('v1');
  });

  it('never run when the transaction rolls back', async () => {
    const { db } = t.database;
    let ran = false;
    await expect(
      runWithAfterCommit(
        (w) => db.transaction().execute(w),
        async (trx) => {
          afterCommit(trx, async () => {
            ran = true;
          });
          throw new Error('rollback');
        },
      ),
    ).rejects.toThrow('rollback');
    expect(ran).toBe(false);
  });
});
