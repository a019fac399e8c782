import type { Kysely, Transaction } from 'kysely';
import { toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A subscription as stored (endpoint still encrypted). */
export interface SubscriptionRow {
  id: string;
  networkId: string;
  channel: string;
  language: string;
  discreet: boolean;
}

/** The subscription with this endpoint in this network, if any. */
export async function findSubscriptionByEndpoint(db: Db, networkId: string, endpointHash: string): Promise<SubscriptionRow | undefined> {
  const r = await db.selectFrom('alert_subscriptions').select(['id', 'network_id', 'channel', 'language', 'discreet']).where('network_id', '=', networkId).where('endpoint_hash', '=', endpointHash).executeTakeFirst();
  return r && { id: r.id, networkId: r.network_id, channel: r.channel, language: r.language, discreet: r.discreet === 1 };
}

/** Whether a subscription still exists (an unsubscribe may land after an alert was queued). */
export async function subscriptionExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('alert_subscriptions').select('id').where('id', '=', id).executeTakeFirst());
}

/** Insert a subscription. */
export async function insertSubscription(
  db: Db,
  s: { id: string; networkId: string; channel: string; endpointEnc: string; endpointHash: string; language: string; discreet: boolean; manageTokenHash: string; now: string },
): Promise<void> {
  await db
    .insertInto('alert_subscriptions')
    .values({ id: s.id, network_id: s.networkId, channel: s.channel, endpoint_enc: s.endpointEnc, endpoint_hash: s.endpointHash, language: s.language, discreet: s.discreet ? 1 : 0, manage_token_hash: s.manageTokenHash, created_at: s.now })
    .execute();
}

/** Update an existing subscription's preferences and rotate its manage token. */
export async function updateSubscription(db: Db, id: string, patch: { endpointEnc: string; language: string; discreet: boolean; manageTokenHash: string }): Promise<void> {
  await db
    .updateTable('alert_subscriptions')
    .set({ endpoint_enc: patch.endpointEnc, language: patch.language, discreet: patch.discreet ? 1 : 0, manage_token_hash: patch.manageTokenHash })
    .where('id', '=', id)
    .execute();
}

/** Replace the cells a subscription watches. */
export async function replaceCells(db: Db, subscriptionId: string, networkId: string, cells: string[]): Promise<void> {
  await db.deleteFrom('alert_subscription_cells').where('subscription_id', '=', subscriptionId).execute();
  const unique = [...new Set(cells)];
  if (unique.length) await db.insertInto('alert_subscription_cells').values(unique.map((cell) => ({ subscription_id: subscriptionId, network_id: networkId, cell }))).execute();
}

/** Delete a subscription by its manage token's hash; true if one was deleted. */
export async function deleteSubscriptionByToken(db: Db, manageTokenHash: string): Promise<boolean> {
  const r = await db.selectFrom('alert_subscriptions').select('id').where('manage_token_hash', '=', manageTokenHash).executeTakeFirst();
  if (!r) return false;
  await deleteSubscription(db, r.id);
  return true;
}

/** Delete a subscription and its cells (cells go first: SQLite enforces the cascade only with foreign keys on). */
export async function deleteSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom('alert_subscription_cells').where('subscription_id', '=', id).execute();
  await db.deleteFrom('alert_subscriptions').where('id', '=', id).execute();
}

/** Recent alerts of a network, newest first. */
export async function listRecentAlerts(db: Db, networkId: string, since: string, limit: number) {
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'incident_id', 'kind', 'category', 'cell', 'created_at'])
    .where('network_id', '=', networkId)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, incidentId: r.incident_id, kind: r.kind as 'verified' | 'update' | 'all_clear', category: r.category, area: r.cell, createdAt: toIso(r.created_at) }));
}
