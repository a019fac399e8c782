import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/** Rapid response: reports, incidents and their timeline, responders, dispatches, alert subscriptions, the outbox. Frozen. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  const real = (dialect === 'postgres' ? 'double precision' : 'real') as typeof k.text;

  await db.schema
    .createTable('incidents')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('category', k.text, (c) => c.notNull())
    .addColumn('location_text', k.text)
    .addColumn('lat', real)
    .addColumn('lng', real)
    .addColumn('cell', k.text)
    .addColumn('report_count', k.integer, (c) => c.notNull())
    .addColumn('trusted_reports', k.integer, (c) => c.notNull())
    .addColumn('first_reported_at', k.timestamp, (c) => c.notNull())
    .addColumn('last_reported_at', k.timestamp, (c) => c.notNull())
    .addColumn('verified_at', k.timestamp)
    .addColumn('verification_reason', k.text)
    .addColumn('first_accept_at', k.timestamp)
    .addColumn('on_scene_at', k.timestamp)
    .addColumn('closed_at', k.timestamp)
    .addColumn('coarsened', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('lock_account_id', k.id)
    .addColumn('lock_expires_at', k.timestamp)
    .addColumn('version', k.integer, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_open').on('incidents').columns(['network_id', 'status', 'last_reported_at']).execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('incident_id', k.id, (c) => c.references('incidents.id'))
    .addColumn('source', k.text, (c) => c.notNull())
    .addColumn('category', k.text, (c) => c.notNull())
    .addColumn('location_text', k.text)
    .addColumn('lat', real)
    .addColumn('lng', real)
    .addColumn('observed_at', k.timestamp, (c) => c.notNull())
    .addColumn('description', k.text)
    .addColumn('language', k.text, (c) => c.notNull())
    .addColumn('contact_enc', k.text)
    .addColumn('receipt_code', k.text, (c) => c.notNull())
    .addColumn('idempotency_key', k.text)
    .addColumn('sms_message_sid', k.text)
    .addColumn('reporter_account_id', k.id)
    .addColumn('trusted', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('needs_structuring', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('photo_enc', k.text)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addUniqueConstraint('reports_receipt', ['network_id', 'receipt_code'])
    .addUniqueConstraint('reports_idempotency', ['network_id', 'idempotency_key'])
    .addUniqueConstraint('reports_sms_sid', ['network_id', 'sms_message_sid'])
    .execute();
  await db.schema.createIndex('reports_incident').on('reports').columns(['incident_id']).execute();
  await db.schema.createIndex('reports_created').on('reports').columns(['network_id', 'created_at']).execute();

  await db.schema
    .createTable('incident_events')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('incident_id', k.id, (c) => c.notNull().references('incidents.id'))
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('actor_id', k.id)
    .addColumn('detail', k.json, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_events_incident').on('incident_events').columns(['incident_id', 'created_at']).execute();

  await db.schema
    .createTable('responders')
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('qualifications', k.json, (c) => c.notNull())
    .addColumn('available', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('cell', k.text)
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('responders_pk', ['network_id', 'account_id'])
    .execute();
  await db.schema.createIndex('responders_available').on('responders').columns(['network_id', 'available', 'cell']).execute();

  await db.schema
    .createTable('dispatches')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('incident_id', k.id, (c) => c.notNull().references('incidents.id'))
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('qualification', k.text)
    .addColumn('ring', k.integer, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('notified_at', k.timestamp, (c) => c.notNull())
    .addColumn('responded_at', k.timestamp)
    .addColumn('on_scene_at', k.timestamp)
    .addColumn('updated_at', k.timestamp, (c) => c.notNull())
    .addUniqueConstraint('dispatches_incident_account', ['incident_id', 'account_id'])
    .execute();
  await db.schema.createIndex('dispatches_account').on('dispatches').columns(['account_id', 'status']).execute();

  await db.schema
    .createTable('alert_subscriptions')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('channel', k.text, (c) => c.notNull())
    .addColumn('endpoint_enc', k.text, (c) => c.notNull())
    .addColumn('endpoint_hash', k.text, (c) => c.notNull())
    .addColumn('language', k.text, (c) => c.notNull())
    .addColumn('discreet', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('manage_token_hash', k.text, (c) => c.notNull().unique())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addUniqueConstraint('alert_subscriptions_endpoint', ['network_id', 'endpoint_hash'])
    .execute();

  await db.schema
    .createTable('alert_subscription_cells')
    .addColumn('subscription_id', k.id, (c) => c.notNull().references('alert_subscriptions.id').onDelete('cascade'))
    .addColumn('network_id', k.id, (c) => c.notNull())
    .addColumn('cell', k.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_subscription_cells_pk', ['subscription_id', 'cell'])
    .execute();
  await db.schema
    .createIndex('alert_subscription_cells_cell')
    .on('alert_subscription_cells')
    .columns(['network_id', 'cell'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('incident_id', k.id, (c) => c.notNull().references('incidents.id'))
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('cell', k.text, (c) => c.notNull())
    .addColumn('category', k.text, (c) => c.notNull())
    .addColumn('recipients', k.integer, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_network').on('alerts').columns(['network_id', 'created_at']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id)
    .addColumn('channel', k.text, (c) => c.notNull())
    .addColumn('recipient_enc', k.text, (c) => c.notNull())
    .addColumn('payload', k.json, (c) => c.notNull())
    .addColumn('dedupe_key', k.text, (c) => c.notNull().unique())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('attempts', k.integer, (c) => c.notNull())
    .addColumn('next_attempt_at', k.timestamp, (c) => c.notNull())
    .addColumn('claimed_until', k.timestamp)
    .addColumn('last_error', k.text)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('sent_at', k.timestamp)
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('sms_blocklist')
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('number_hash', k.text, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_blocklist_pk', ['network_id', 'number_hash'])
    .execute();
}
