import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * "Open tasks near me" (issue 11): a driver's list reads the tasks whose request lies in a few
 * dozen coarse cells around the driver's area. Without this index every open task of the
 * network is read and filtered (about 110 ms at 50,000 open tasks on SQLite); with it, only
 * the requests in those cells, then their task through care_tasks_request.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('care_requests_area').on('care_requests').columns(['network_id', 'area_cell']).execute();
}
