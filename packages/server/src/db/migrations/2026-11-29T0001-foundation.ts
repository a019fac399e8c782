// SQLite lets a non-integer PRIMARY KEY hold NULL unless NOT NULL is declared, so ids say it explicitly.
import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/** Foundation: networks, organizations, accounts, memberships, sessions, passkeys, sharing, audit. Frozen. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);

  await db.schema
    .createTable('networks')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('slug', k.text, (c) => c.notNull().unique())
    .addColumn('name', k.text, (c) => c.notNull())
    .addColumn('time_zone', k.text, (c) => c.notNull())
    .addColumn('settings', k.json, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('email', k.text, (c) => c.notNull().unique())
    .addColumn('password_hash', k.text)
    .addColumn('display_name', k.text, (c) => c.notNull())
    .addColumn('language', k.text, (c) => c.notNull())
    .addColumn('languages_spoken', k.json, (c) => c.notNull())
    .addColumn('home_area', k.text)
    .addColumn('notification_channels', k.json, (c) => c.notNull())
    .addColumn('phone_enc', k.text)
    .addColumn('is_deployment_admin', k.bool, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organizations')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('name', k.text, (c) => c.notNull())
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('type', k.text, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('requested_by', k.id, (c) => c.references('accounts.id'))
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addUniqueConstraint('organizations_network_name', ['network_id', 'name'])
    .execute();

  await db.schema
    .createTable('network_admins')
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('network_admins_pk', ['network_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('organization_id', k.id, (c) => c.notNull().references('organizations.id'))
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('roles', k.json, (c) => c.notNull())
    .addColumn('status', k.text, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('activated_at', k.timestamp)
    .addUniqueConstraint('memberships_org_account', ['organization_id', 'account_id'])
    .execute();
  await db.schema.createIndex('memberships_account').on('memberships').columns(['account_id']).execute();
  await db.schema.createIndex('memberships_network').on('memberships').columns(['network_id', 'status']).execute();

  await db.schema
    .createTable('vouches')
    .addColumn('membership_id', k.id, (c) => c.notNull().references('memberships.id'))
    .addColumn('voucher_account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('vouches_pk', ['membership_id', 'voucher_account_id'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('organization_id', k.id, (c) => c.notNull().references('organizations.id'))
    .addColumn('token_hash', k.text, (c) => c.notNull().unique())
    .addColumn('roles', k.json, (c) => c.notNull())
    .addColumn('created_by', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('expires_at', k.timestamp, (c) => c.notNull())
    .addColumn('used_at', k.timestamp)
    .addColumn('used_by', k.id, (c) => c.references('accounts.id'))
    .addColumn('revoked_at', k.timestamp)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('token_hash', k.text, (c) => c.notNull().unique())
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('label', k.text, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', k.timestamp, (c) => c.notNull())
    .addColumn('expires_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').columns(['account_id']).execute();

  await db.schema
    .createTable('passkeys')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('account_id', k.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('credential_id', k.text, (c) => c.notNull().unique())
    .addColumn('public_key', k.text, (c) => c.notNull())
    .addColumn('counter', k.integer, (c) => c.notNull())
    .addColumn('transports', k.json, (c) => c.notNull())
    .addColumn('name', k.text, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('auth_challenges')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('challenge', k.text, (c) => c.notNull())
    .addColumn('purpose', k.text, (c) => c.notNull())
    .addColumn('account_id', k.id)
    .addColumn('payload', k.json, (c) => c.notNull())
    .addColumn('expires_at', k.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('shares')
    .addColumn('item_kind', k.text, (c) => c.notNull())
    .addColumn('item_id', k.id, (c) => c.notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    .addColumn('organization_id', k.id, (c) => c.notNull().references('organizations.id'))
    .addPrimaryKeyConstraint('shares_pk', ['item_kind', 'item_id', 'organization_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', k.integer, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id)
    .addColumn('actor_id', k.id)
    .addColumn('action', k.text, (c) => c.notNull())
    .addColumn('target_type', k.text, (c) => c.notNull())
    .addColumn('target_id', k.text)
    .addColumn('detail', k.json, (c) => c.notNull())
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .addColumn('prev_hash', k.text, (c) => c.notNull())
    .addColumn('hash', k.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_network').on('audit_log').columns(['network_id', 'seq']).execute();

  await db.schema
    .createTable('system_state')
    .addColumn('key', k.text, (c) => c.primaryKey().notNull())
    .addColumn('value', k.text, (c) => c.notNull())
    .execute();
}
