import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/harness/dialects.ts';
import { encryptedColumns } from '../../modules.ts';

describe.each(DIALECTS)('encrypted column registry on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it('lists every *_enc column of the schema, so key rotation misses none', async () => {
    const tables = await t.database.db.introspection.getTables();
    const inSchema = tables
      .flatMap((tbl) => tbl.columns.filter((c) => c.name.endsWith('_enc')).map((c) => `${tbl.name}.${c.name}`))
      .sort();
    expect(inSchema.length).toBeGreaterThan(0);
    expect(
      encryptedColumns()
        .map((c) => `${c.table}.${c.column}`)
        .sort(),
    ).toEqual(inSchema);
  });
});
