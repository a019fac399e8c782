import type { Ts } from './schema.ts';

/** Normalize a timestamp column (Date from pg, string from SQLite) to an ISO string. */
export function toIso(value: Ts): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
/** Same, keeping null. */
export function toIsoOrNull(value: Ts | null | undefined): string | null {
  return value == null ? null : toIso(value);
}
/** Parse a JSON text column. */
export function fromJson<T>(value: string): T {
  return JSON.parse(value) as T;
}
/** 0/1 column to boolean. */
export function toBool(value: number | boolean | null | undefined): boolean {
  return value === true || value === 1;
}
