import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Shifts: watch sites, shift series (one-off or RFC 5545 recurring, in the network's
 * time zone), their slots (people needed, certification required), materialized
 * occurrences, sign-ups with attendance, and secret calendar feeds.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  const real = (dialect === 'postgres' ? 'double precision' : 'real') as typeof k.text;

  await db.schema
    .createTable('sites')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('organization_id', k.id, (c) => c.notNull().references('organizations.id'))
    .addColumn('name', k.text, (c) => c.notNull())
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('address', k.text, (c) => c.notNull())
    .addColumn('lat', real, (c) => c.notNull())
    .addColumn('lng', real, (c) => c.notNull())
    .addColumn('cell', k.text, (c) => c.notNull())
    .addColumn('sharing', k.text, (c) => c.notNull())
    .addColumn('notes_enc', k.text)
    .addColumn('languages', k.json, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sites_network').on('sites').columns(['network_id', 'organization_id']).execute();

  await db.schema
    .createTable('shift_series')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('site_id', k.id, (c) => c.notNull().references('sites.id'))
    .addColumn('title', k.text, (c) => c.notNull())
    .addColumn('start_date', k.text, (c) => c.notNull())
    .addColumn('start_time', k.text, (c) => c.notNull())
    .addColumn('end_time', k.text, (c) => c.notNull())
    .addColumn('rrule', k.text)
    .addColumn('exceptions', k.json, (c) => c.notNull())
    .addColumn('cancel_cutoff_hours', k.integer, (c) => c.notNull())
    .addColumn('no_show_grace_minutes', k.integer, (c) => c.notNull())
    .addColumn('reminder_minutes', k.json, (c) => c.notNull())
    .addColumn('materialized_until', k.timestamp, (c) => c.notNull())
    .addColumn('created_by', k.id, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shift_series_site').on('shift_series').columns(['site_id']).execute();

  await db.schema
    .createTable('shift_slots')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('series_id', k.id, (c) => c.notNull().references('shift_series.id'))
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('position', k.integer, (c) => c.notNull())
    .addColumn('label', k.text)
    .addColumn('people_needed', k.integer, (c) => c.notNull())
    .addColumn('course_id', k.id)
    .execute();
  await db.schema.createIndex('shift_slots_series').on('shift_slots').columns(['series_id', 'position']).execute();

  await db.schema
    .createTable('shift_occurrences')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('series_id', k.id, (c) => c.notNull().references('shift_series.id'))
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('site_id', k.id, (c) => c.notNull().references('sites.id'))
    .addColumn('local_date', k.text, (c) => c.notNull())
    .addColumn('starts_at', k.timestamp, (c) => c.notNull())
    .addColumn('ends_at', k.timestamp, (c) => c.notNull())
    .addColumn('cancelled', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('no_show_checked', k.bool, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('shift_occurrences_series_date', ['series_id', 'local_date'])
    .execute();
  await db.schema.createIndex('shift_occurrences_time').on('shift_occurrences').columns(['network_id', 'starts_at']).execute();
  await db.schema.createIndex('shift_occurrences_site').on('shift_occurrences').columns(['site_id', 'starts_at']).execute();

  await db.schema
    .createTable('shift_signups')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('occurrence_id', k.id, (c) => c.notNull().references('shift_occurrences.id'))
    .addColumn('slot_id', k.id, (c) => c.notNull().references('shift_slots.id'))
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('assigned_by', k.id)
    .addColumn('certification_overridden', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('swap_offered', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('checked_in_at', k.timestamp)
    .addColumn('checked_out_at', k.timestamp)
    .addColumn('queued_at', k.timestamp, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .addUniqueConstraint('shift_signups_person', ['occurrence_id', 'account_id'])
    .execute();
  await db.schema.createIndex('shift_signups_slot').on('shift_signups').columns(['occurrence_id', 'slot_id', 'status']).execute();
  await db.schema.createIndex('shift_signups_account').on('shift_signups').columns(['account_id', 'status']).execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('account_id', k.id)
    .addColumn('site_id', k.id)
    .addColumn('token_hash', k.text, (c) => c.notNull().unique())
    .addColumn('created_by', k.id, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('revoked_at', k.timestamp)
    .execute();
  await db.schema
    .createIndex('calendar_feeds_owner')
    .on('calendar_feeds')
    .columns(['network_id', 'account_id', 'site_id'])
    .execute();
}
