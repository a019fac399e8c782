import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness/dialects.ts';
import { migrate } from './migrator.ts';

/** Table → sorted "column nullable" lines: the shape both dialects must agree on. */
async function shape(t: TestDatabase): Promise<Record<string, string[]>> {
  const tables = await t.database.db.introspection.getTables();
  return Object.fromEntries(
    tables
      .filter((tbl) => tbl.schema === undefined || tbl.schema === 'public')
      .map((tbl) => [tbl.name, tbl.columns.map((c) => `${c.name} ${c.isNullable ? 'null' : 'not null'}`).sort()])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

describe('migrations', () => {
  let sqlite: TestDatabase;
  let postgres: TestDatabase;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([createTestDatabase('sqlite'), createTestDatabase('postgres')]);
  });
  afterAll(async () => {
    await sqlite.drop();
    await postgres.drop();
  });

  it('produce the same tables, columns and nullability on SQLite and PostgreSQL', async () => {
    const [a, b] = await Promise.all([shape(sqlite), shape(postgres)]);
    expect(Object.keys(a).length).toBeGreaterThanOrEqual(14);
    expect(b).toEqual(a);
  });

  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrate(sqlite.database.db, 'sqlite')).toEqual([]);
    expect(await migrate(postgres.database.db, 'postgres')).toEqual([]);
  });
});
