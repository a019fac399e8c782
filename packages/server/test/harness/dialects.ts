import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type Dialect } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrator.ts';

/** Both dialects: every *.db.test.ts and *.api.test.ts runs on each. */
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/** A fresh, migrated database of one dialect, and how to throw it away. */
export interface TestDatabase {
  database: Database;
  url: string;
  drop(): Promise<void>;
}

/** A new SQLite file in a temp dir, or a new database on the test PostgreSQL server (migrated unless asked not to). */
export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-sqlite-'));
    const url = `file:${join(dir, 'test.db')}`;
    // As the server opens it (src/bootstrap.ts).
    const database = openDatabase(url, { backgroundCheckpoints: true });
    if (migrated) await migrate(database.db, database.dialect);
    return {
      database,
      url,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('postgresUrl');
  const name = `t_${Math.random().toString(36).slice(2, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const database = openDatabase(url);
  if (migrated) await migrate(database.db, database.dialect);
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
