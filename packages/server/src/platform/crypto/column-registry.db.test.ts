import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/harness/dialects.ts';
import { encryptedColumns, MODULES, plainColumns } from '../../modules.ts';
import { PLAIN_KINDS, plainKindOf } from './plain-columns.ts';

// Tables platform owns (test/architecture/module-boundaries.test.ts keeps the same list), and the migrator's.
const PLATFORM_TABLES = ['audit_log', 'audit_anchors', 'system_state', 'schema_migrations'];

/**
 * The sensitive-column registry: every column of the migrated schema is either a ciphertext
 * some module lists in `encryptedColumns` (so key rotation re-encrypts it) or a column some
 * module lists in `plainColumns` with its reason. A new table or column in neither fails here
 * by name, so a new module's columns are looked at by default, not by memory.
 */
describe.each(DIALECTS)('sensitive-column registry on %s', (dialect) => {
  let t: TestDatabase;
  let schema: Map<string, string>;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const tables = await t.database.db.introspection.getTables();
    schema = new Map(tables.flatMap((tbl) => tbl.columns.map((c) => [`${tbl.name}.${c.name}`, c.dataType] as const)));
  });
  afterAll(() => t.drop());

  it('classifies every column of every table as encrypted or plain-by-design', () => {
    const encrypted = new Set(encryptedColumns().map((c) => `${c.table}.${c.column}`));
    const plain = new Set(plainColumns().map((c) => `${c.table}.${c.column}`));
    const unclassified = [...schema]
      .filter(([key]) => !encrypted.has(key) && !plain.has(key))
      .map(([key, type]) => `${key} (${type})`)
      .sort();
    expect(
      unclassified,
      'columns in neither a module face\'s encryptedColumns nor its plainColumns: encrypt them, or list them as plain with a reason ("id", "coarse cell", "hash: …")',
    ).toEqual([]);
  });

  it('lists only real columns, of tables the lister owns, once, never both encrypted and plain', () => {
    const owned = new Map<string, string>(PLATFORM_TABLES.map((tbl) => [tbl, 'platform']));
    for (const m of MODULES) for (const tbl of m.tables) owned.set(tbl, m.name);
    const all = plainColumns();
    const problems: string[] = [];
    const seen = new Set<string>();
    const encrypted = new Set(encryptedColumns().map((c) => `${c.table}.${c.column}`));
    for (const c of all) {
      const key = `${c.table}.${c.column}`;
      if (!schema.has(key)) problems.push(`${key}: listed by ${c.owner} but not in the schema`);
      if (owned.get(c.table) !== c.owner)
        problems.push(`${key}: listed by ${c.owner}, but ${c.table} is ${owned.get(c.table)}'s`);
      if (seen.has(key)) problems.push(`${key}: listed twice`);
      if (encrypted.has(key)) problems.push(`${key}: both encrypted and plain`);
      if (!(PLAIN_KINDS as readonly string[]).includes(plainKindOf(c.reason)))
        problems.push(`${key}: unknown kind in "${c.reason}"`);
      seen.add(key);
    }
    for (const c of encryptedColumns())
      if (!schema.has(`${c.table}.${c.column}`)) problems.push(`${c.table}.${c.column}: encrypted but missing`);
    expect(problems).toEqual([]);
    expect(all.length).toBeGreaterThan(100);
  });
});
