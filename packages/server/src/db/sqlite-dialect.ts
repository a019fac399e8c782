import { CompiledQuery, type DatabaseConnection, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';

/**
 * Kysely's SQLite dialect, with every transaction begun IMMEDIATE (the write lock taken up
 * front) rather than DEFERRED.
 *
 * Why: a deferred transaction that reads first and then writes must upgrade its read lock,
 * and SQLite does not call the busy handler for that upgrade (waiting could deadlock), so if
 * the WAL checkpointer's connection holds the write lock at that instant (a FULL or TRUNCATE
 * checkpoint does, for up to its 50 ms wait) the write fails at once with SQLITE_BUSY and the
 * request with a 500. Begun IMMEDIATE, the transaction waits for the lock under busy_timeout
 * instead. It costs nothing: the server's one connection already runs one transaction at a time.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
