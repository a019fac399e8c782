import type { Kysely, Transaction } from 'kysely';
import { toBool, toIso } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A subscription as stored (endpoint still encrypted). */
export interface SubscriptionRow {
  id: string;
  networkId: string;
  channel: string;
  language: string;
  discreet: boolean;
  /** Null while waiting for its code: such a subscription receives no alert. */
  confirmedAt: string | null;
  confirmCodeHash: string | null;
  confirmExpiresAt: string | null;
  confirmAttempts: number;
  /** A re-subscribe of a confirmed endpoint, applied once its code is confirmed. */
  pendingChange: PendingChange | null;
}

/** Settings a re-subscribe asks for, held until confirmed. */
export interface PendingChange {
  cells: string[];
  language: string;
  discreet: boolean;
}

const SUBSCRIPTION_COLUMNS = [
  'id',
  'network_id',
  'channel',
  'language',
  'discreet',
  'confirmed_at',
  'confirm_code_hash',
  'confirm_expires_at',
  'confirm_attempts',
  'pending_change',
] as const;

function toSubscriptionRow(r: {
  id: string;
  network_id: string;
  channel: string;
  language: string;
  discreet: number;
  confirmed_at: string | Date | null;
  confirm_code_hash: string | null;
  confirm_expires_at: string | Date | null;
  confirm_attempts: number;
  pending_change: string | null;
}): SubscriptionRow {
  return {
    id: r.id,
    networkId: r.network_id,
    channel: r.channel,
    language: r.language,
    discreet: Number(r.discreet) === 1,
    confirmedAt: r.confirmed_at == null ? null : toIso(r.confirmed_at),
    confirmCodeHash: r.confirm_code_hash,
    confirmExpiresAt: r.confirm_expires_at == null ? null : toIso(r.confirm_expires_at),
    confirmAttempts: Number(r.confirm_attempts),
    pendingChange: r.pending_change ? (JSON.parse(r.pending_change) as PendingChange) : null,
  };
}

/** The subscription with this endpoint in this network, if any. */
export async function findSubscriptionByEndpoint(
  db: Db,
  networkId: string,
  endpointHash: string,
): Promise<SubscriptionRow | undefined> {
  const r = await db
    .selectFrom('alert_subscriptions')
    .select(SUBSCRIPTION_COLUMNS)
    .where('network_id', '=', networkId)
    .where('endpoint_hash', '=', endpointHash)
    .executeTakeFirst();
  return r && toSubscriptionRow(r);
}

/** A subscription by id, if it still exists. */
export async function findSubscription(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  const r = await db.selectFrom('alert_subscriptions').select(SUBSCRIPTION_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r && toSubscriptionRow(r);
}

/** Insert a subscription (confirmed at once for Web Push; SMS and email wait for their code). */
export async function insertSubscription(
  db: Db,
  s: {
    id: string;
    networkId: string;
    channel: string;
    endpointEnc: string;
    endpointHash: string;
    language: string;
    discreet: boolean;
    manageTokenHash: string;
    now: string;
    confirmedAt: string | null;
    confirmCodeHash?: string;
    confirmExpiresAt?: string;
  },
): Promise<void> {
  await db
    .insertInto('alert_subscriptions')
    .values({
      id: s.id,
      network_id: s.networkId,
      channel: s.channel,
      endpoint_enc: s.endpointEnc,
      endpoint_hash: s.endpointHash,
      language: s.language,
      discreet: s.discreet ? 1 : 0,
      manage_token_hash: s.manageTokenHash,
      created_at: s.now,
      confirmed_at: s.confirmedAt,
      confirm_code_hash: s.confirmCodeHash ?? null,
      confirm_expires_at: s.confirmExpiresAt ?? null,
      confirm_attempts: 0,
      pending_change: null,
    })
    .execute();
}

/** Update an existing subscription's preferences (and, when given, rotate its manage token). */
export async function updateSubscription(
  db: Db,
  id: string,
  patch: { endpointEnc: string; language: string; discreet: boolean; manageTokenHash?: string },
): Promise<void> {
  await db
    .updateTable('alert_subscriptions')
    .set({
      endpoint_enc: patch.endpointEnc,
      language: patch.language,
      discreet: patch.discreet ? 1 : 0,
      ...(patch.manageTokenHash ? { manage_token_hash: patch.manageTokenHash } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Start (or restart) a confirmation: a new code, zero attempts, and the change it would apply. */
export async function setConfirmationCode(
  db: Db,
  id: string,
  c: { codeHash: string; expiresAt: string; pendingChange: PendingChange | null },
): Promise<void> {
  await db
    .updateTable('alert_subscriptions')
    .set({
      confirm_code_hash: c.codeHash,
      confirm_expires_at: c.expiresAt,
      confirm_attempts: 0,
      pending_change: c.pendingChange ? JSON.stringify(c.pendingChange) : null,
    })
    .where('id', '=', id)
    .execute();
}

/** Count one wrong code. */
export async function addConfirmationAttempt(db: Db, id: string): Promise<void> {
  await db
    .updateTable('alert_subscriptions')
    .set((eb) => ({ confirm_attempts: eb('confirm_attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Confirmed: apply a pending change, forget the code, and rotate the manage token. */
export async function markConfirmed(
  db: Db,
  id: string,
  c: { confirmedAt: string; manageTokenHash: string; language?: string; discreet?: boolean },
): Promise<void> {
  await db
    .updateTable('alert_subscriptions')
    .set({
      confirmed_at: c.confirmedAt,
      manage_token_hash: c.manageTokenHash,
      confirm_code_hash: null,
      confirm_expires_at: null,
      confirm_attempts: 0,
      pending_change: null,
      ...(c.language ? { language: c.language } : {}),
      ...(c.discreet !== undefined ? { discreet: c.discreet ? 1 : 0 } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Confirmation messages sent to this endpoint since a time (the throttle counts them). */
export async function countConfirmationSends(db: Db, endpointHash: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('alert_confirmation_sends')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('endpoint_hash', '=', endpointHash)
    .where('sent_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Remember that a confirmation message went to this endpoint. */
export async function insertConfirmationSend(db: Db, s: { id: string; endpointHash: string; now: string }): Promise<void> {
  await db.insertInto('alert_confirmation_sends').values({ id: s.id, endpoint_hash: s.endpointHash, sent_at: s.now }).execute();
}

/** Retention: unconfirmed subscriptions whose code has expired, stale pending changes, and old send counts. */
export async function purgeUnconfirmed(
  db: Db,
  now: string,
  sendsBefore: string,
): Promise<{ subscriptions: number; changes: number; sends: number }> {
  const stale = await db
    .selectFrom('alert_subscriptions')
    .select('id')
    .where('confirmed_at', 'is', null)
    .where((eb) => eb.or([eb('confirm_expires_at', 'is', null), eb('confirm_expires_at', '<=', now)]))
    .execute();
  for (const { id } of stale) await deleteSubscription(db, id);
  const changes = await db
    .updateTable('alert_subscriptions')
    .set({ confirm_code_hash: null, confirm_expires_at: null, confirm_attempts: 0, pending_change: null })
    .where('confirmed_at', 'is not', null)
    .where('confirm_expires_at', '<=', now)
    .executeTakeFirst();
  const sends = await db.deleteFrom('alert_confirmation_sends').where('sent_at', '<=', sendsBefore).executeTakeFirst();
  return { subscriptions: stale.length, changes: Number(changes.numUpdatedRows), sends: Number(sends.numDeletedRows) };
}

/** Replace the cells a subscription watches. */
export async function replaceCells(db: Db, subscriptionId: string, networkId: string, cells: string[]): Promise<void> {
  await db.deleteFrom('alert_subscription_cells').where('subscription_id', '=', subscriptionId).execute();
  const unique = [...new Set(cells)];
  if (unique.length)
    await db
      .insertInto('alert_subscription_cells')
      .values(unique.map((cell) => ({ subscription_id: subscriptionId, network_id: networkId, cell })))
      .execute();
}

/** Delete a subscription by its manage token's hash; true if one was deleted. */
export async function deleteSubscriptionByToken(db: Db, manageTokenHash: string): Promise<boolean> {
  const r = await db
    .selectFrom('alert_subscriptions')
    .select('id')
    .where('manage_token_hash', '=', manageTokenHash)
    .executeTakeFirst();
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
    .select(['id', 'incident_id', 'kind', 'preset', 'category', 'cell', 'area_name', 'place_name', 'created_at'])
    .where('network_id', '=', networkId)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind as 'verified' | 'update' | 'all_clear',
    preset: r.preset,
    category: r.category,
    area: r.cell,
    areaName: r.area_name ?? null,
    placeName: r.place_name ?? null,
    createdAt: toIso(r.created_at),
  }));
}

/** The alerts an incident has had, oldest first (updates need an alert that went out, and no all clear yet). */
export async function listAlertsOfIncident(db: Db, networkId: string, incidentId: string) {
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'kind', 'preset', 'created_at'])
    .where('network_id', '=', networkId)
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, preset: r.preset, createdAt: toIso(r.created_at) }));
}

/** Confirmed subscriptions covering one area cell (an SMS or email subscription still waiting for its code is left out). */
export async function listConfirmedSubscribersOfCell(db: Db, networkId: string, cell: string) {
  const rows = await db
    .selectFrom('alert_subscription_cells as c')
    .innerJoin('alert_subscriptions as s', 's.id', 'c.subscription_id')
    .select(['s.id', 's.channel', 's.endpoint_enc', 's.language', 's.discreet'])
    .where('c.network_id', '=', networkId)
    .where('c.cell', '=', cell)
    .where('s.confirmed_at', 'is not', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    endpointEnc: r.endpoint_enc,
    language: r.language,
    discreet: toBool(r.discreet),
  }));
}

/** Confirmed subscriptions covering one area cell, counted by channel in one grouped query. */
export async function countConfirmedSubscribersOfCell(db: Db, networkId: string, cell: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('alert_subscription_cells as c')
    .innerJoin('alert_subscriptions as s', 's.id', 'c.subscription_id')
    .select((eb) => ['s.channel', eb.fn.countAll<number>().as('n')])
    .where('c.network_id', '=', networkId)
    .where('s.network_id', '=', networkId)
    .where('c.cell', '=', cell)
    .where('s.confirmed_at', 'is not', null)
    .groupBy('s.channel')
    .execute();
  return new Map(rows.map((r) => [r.channel, Number(r.n)]));
}

/** Record one alert sent for an incident. */
export async function insertAlert(
  db: Db,
  a: {
    id: string;
    networkId: string;
    incidentId: string;
    kind: string;
    preset: string | null;
    cell: string;
    areaName: string | null;
    placeName: string | null;
    category: string;
    recipients: number;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('alerts')
    .values({
      id: a.id,
      network_id: a.networkId,
      incident_id: a.incidentId,
      kind: a.kind,
      preset: a.preset,
      cell: a.cell,
      area_name: a.areaName,
      place_name: a.placeName,
      category: a.category,
      recipients: a.recipients,
      created_at: a.now,
    })
    .execute();
}
