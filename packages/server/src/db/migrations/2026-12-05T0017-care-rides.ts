import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Rides and accompaniment (issue 11): a ride request (a court hearing, an immigration
 * check-in, …) holds the pickup, drop-off and contact as ciphertexts (`_enc`) and, in the
 * clear, only the coarse pickup area, the kind, the local window and what the car needs;
 * `rrule` makes it recurring. Each trip is a `care_rides` row (one per local date), claimed by
 * an organization and given a driver and an accompanier with conditional updates on
 * `version`. `care_ride_feeds` are the drivers' calendar feeds (only a token's hash is kept).
 * New tables, so no plaintext rows exist to backfill.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  await db.schema
    .createTable('care_ride_requests')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('pickup_enc', k.text)
    .addColumn('pickup_point_enc', k.text)
    .addColumn('dropoff_enc', k.text)
    .addColumn('dropoff_point_enc', k.text)
    .addColumn('contact_enc', k.text)
    .addColumn('area_cell', k.text)
    .addColumn('area_name', k.text)
    .addColumn('language', k.text, (c) => c.notNull())
    .addColumn('passengers', k.integer, (c) => c.notNull())
    .addColumn('child_seats', k.integer, (c) => c.notNull())
    .addColumn('return_trip', k.bool, (c) => c.notNull())
    .addColumn('return_time', k.text)
    .addColumn('accompanier_required', k.bool, (c) => c.notNull())
    .addColumn('accompanier_course_id', k.id)
    .addColumn('start_date', k.text, (c) => c.notNull())
    .addColumn('start_time', k.text, (c) => c.notNull())
    .addColumn('end_time', k.text, (c) => c.notNull())
    .addColumn('rrule', k.text)
    .addColumn('materialized_until', k.text)
    .addColumn('filed_by', k.id)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('care_ride_requests_network')
    .on('care_ride_requests')
    .columns(['network_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('care_rides')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('ride_request_id', k.id, (c) => c.notNull().references('care_ride_requests.id').onDelete('cascade'))
    .addColumn('local_date', k.text, (c) => c.notNull())
    .addColumn('window_start', k.timestamp, (c) => c.notNull())
    .addColumn('window_end', k.timestamp, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('version', k.integer, (c) => c.notNull())
    .addColumn('claimed_org_id', k.id)
    .addColumn('claimed_by', k.id)
    .addColumn('claimed_at', k.timestamp)
    .addColumn('driver_account_id', k.id)
    .addColumn('accompanier_account_id', k.id)
    .addColumn('assigned_at', k.timestamp)
    .addColumn('picked_up_at', k.timestamp)
    .addColumn('completed_at', k.timestamp)
    .addColumn('failed_at', k.timestamp)
    .addColumn('closed_at', k.timestamp)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('care_rides_occurrence')
    .on('care_rides')
    .columns(['ride_request_id', 'local_date'])
    .unique()
    .execute();
  await db.schema.createIndex('care_rides_window').on('care_rides').columns(['network_id', 'status', 'window_start']).execute();
  // The reminder job and the feeds look rides up by their start, across networks.
  await db.schema.createIndex('care_rides_start').on('care_rides').columns(['window_start']).execute();

  await db.schema
    .createTable('care_ride_feeds')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('account_id', k.id, (c) => c.notNull())
    .addColumn('token_hash', k.text, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('revoked_at', k.timestamp)
    .execute();
  await db.schema.createIndex('care_ride_feeds_token').on('care_ride_feeds').columns(['token_hash']).unique().execute();
  await db.schema.createIndex('care_ride_feeds_account').on('care_ride_feeds').columns(['network_id', 'account_id']).execute();
}
