import type { ColumnDataType } from 'kysely';
import type { Dialect } from './database.ts';

/** Portable column kinds, mapped per dialect so migrations read the same on both. */
export function columnKinds(dialect: Dialect) {
  return {
    /** UUIDv7 ids, stored as text so they sort and compare the same everywhere. */
    id: 'text' as ColumnDataType,
    text: 'text' as ColumnDataType,
    /** ISO timestamps: text in SQLite (sorts lexically), timestamptz in PostgreSQL. */
    timestamp: (dialect === 'postgres' ? 'timestamptz' : 'text') as ColumnDataType,
    /** Booleans as 0/1 integers: better-sqlite3 cannot bind JS booleans. */
    bool: 'integer' as ColumnDataType,
    integer: 'integer' as ColumnDataType,
    /** JSON as text on both: read back through JSON.parse in repositories. */
    json: 'text' as ColumnDataType,
  };
}
