import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** Shifts: tables of the shifts module (see modules/shifts). */
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
