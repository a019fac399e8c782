import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/dialects.ts';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.ts';

describe('encrypted column registry', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t.drop());

  it('lists every *_enc column of the schema, so key rotation misses none', async () => {
    const tables = await t.database.db.introspection.getTables();
    const inSchema = tables.flatMap((tbl) => tbl.columns.filter((c) => c.name.endsWith('_enc')).map((c) => `${tbl.name}.${c.name}`)).sort();
    expect(inSchema.length).toBeGreaterThan(0);
    expect(ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort()).toEqual(inSchema);
  });
});
