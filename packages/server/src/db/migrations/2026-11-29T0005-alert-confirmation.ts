import { sql, type Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * Alert subscriptions by SMS and email wait for a code before anything is sent to them,
 * confirmation sends are counted per endpoint (throttle), and an alert may carry a preset update.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);

  await db.schema
    .alterTable('alert_subscriptions')
    // Null: waiting for its code; only confirmed subscriptions receive alerts.
    .addColumn('confirmed_at', k.timestamp)
    .execute();
  // Keyed hash of the current code (and the subscription id), never the code itself.
  await db.schema.alterTable('alert_subscriptions').addColumn('confirm_code_hash', k.text).execute();
  await db.schema.alterTable('alert_subscriptions').addColumn('confirm_expires_at', k.timestamp).execute();
  await db.schema
    .alterTable('alert_subscriptions')
    .addColumn('confirm_attempts', k.integer, (c) => c.notNull().defaultTo(0))
    .execute();
  // A re-subscribe of a confirmed endpoint (cells, language, discreet) waiting for its code; JSON.
  await db.schema.alterTable('alert_subscriptions').addColumn('pending_change', k.json).execute();
  // Subscriptions made before confirmation existed keep receiving alerts.
  await db
    .updateTable('alert_subscriptions')
    .set({ confirmed_at: sql.ref('created_at') })
    .execute();

  await db.schema
    .createTable('alert_confirmation_sends')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    // The same keyed hash as alert_subscriptions.endpoint_hash: counts sends per phone or address, across networks.
    .addColumn('endpoint_hash', k.text, (c) => c.notNull())
    .addColumn('sent_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_confirmation_sends_endpoint')
    .on('alert_confirmation_sends')
    .columns(['endpoint_hash', 'sent_at'])
    .execute();

  // 'still_active' | 'agents_left' | 'observers_on_scene' for kind 'update'; null otherwise.
  await db.schema.alterTable('alerts').addColumn('preset', k.text).execute();
}
