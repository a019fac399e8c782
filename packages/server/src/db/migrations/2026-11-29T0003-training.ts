import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** Training: tables of the training module (see modules/training). */
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
