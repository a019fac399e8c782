import type SQLite from 'better-sqlite3';

// Distinct query texts kept prepared; `in (…)` lists of every length make some variety.
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, with prepared statements kept by their SQL text.
 * Kysely's SQLite driver prepares every query anew, and preparing cost more than running
 * the query: a fifth of an authorized read's time. SQLite re-prepares a kept statement by
 * itself if the schema changes under it. Kysely only runs statements to completion
 * (`all`, `run`) on its one connection, so a kept statement is never busy when reused.
 */
export function withStatementCache(sqlite: SQLite.Database) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string): SQLite.Statement => {
      let statement = kept.get(sql);
      if (statement) {
        // Least recently used goes first: move this one to the back.
        kept.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (kept.size >= STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
      }
      kept.set(sql, statement);
      return statement;
    },
  };
}
