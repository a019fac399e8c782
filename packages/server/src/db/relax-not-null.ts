import { type Kysely, sql } from 'kysely';
import type { Dialect } from './database.ts';

/**
 * Let columns hold NULL (so plaintext moved into an `_enc` column can be cleared). PostgreSQL
 * drops the constraint in place; SQLite cannot, so the table is rebuilt the way SQLite's
 * documentation describes (new table, copy, drop, rename, indexes again). A migration that
 * calls this on SQLite must export `foreignKeysOff = true`: the migrator then runs it with
 * foreign keys off and checks them before it commits. Used by frozen migrations: never change
 * what it does, add a new helper instead.
 */
export async function relaxNotNull(db: Kysely<any>, dialect: Dialect, table: string, columns: readonly string[]): Promise<void> {
  if (dialect === 'postgres') {
    for (const c of columns) await sql`alter table ${sql.table(table)} alter column ${sql.ref(c)} drop not null`.execute(db);
    return;
  }
  const found = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  let ddl = found.rows[0]?.sql;
  if (!ddl) throw new Error(`relaxNotNull: no table ${table}`);
  for (const c of columns) {
    const before = ddl;
    ddl = ddl.replace(new RegExp(`("${c}" [a-z ]+?) not null`, 'i'), '$1');
    if (ddl === before) throw new Error(`relaxNotNull: ${table}.${c} is not a NOT NULL column`);
  }
  const indexes = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  const rebuilt = `${table}__rebuilt`;
  const created = ddl.replace(/^create table "?[A-Za-z0-9_]+"?/i, `create table "${rebuilt}"`);
  await sql.raw(created).execute(db);
  await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(db);
  for (const i of indexes.rows) await sql.raw(i.sql).execute(db);
}
