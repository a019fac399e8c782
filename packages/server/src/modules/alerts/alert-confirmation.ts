import { randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { insertOutboxRows } from '../notify/index.ts';
import * as repo from './alerts.repository.ts';

/**
 * Confirming SMS and email subscriptions, so nobody can sign a stranger up for raid
 * alerts: a six-digit code goes to the number or address, only its keyed hash is kept,
 * it expires, a few wrong guesses burn it, and sends to one endpoint are throttled so
 * the form cannot be used to flood someone's phone.
 */

/** How long a code can be used. Unconfirmed subscriptions are purged once it has passed. */
export const CODE_TTL_MS = 30 * 60_000;
/** Wrong codes before the code is burnt (a new subscribe sends a new one). */
export const MAX_ATTEMPTS = 5;
/** Confirmation messages to one phone or address: per hour and per day, across networks. */
export const SENDS_PER_HOUR = 3;
export const SENDS_PER_DAY = 6;
const DAY_MS = 24 * 3600_000;

/** A fresh six-digit code. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** The stored form of a code: a keyed hash bound to its subscription, so a leaked table gives no codes to try offline. */
export const codeHash = (deps: Deps, subscriptionId: string, code: string) =>
  deps.keyring.lookupHash(`alert-confirm:${subscriptionId}:${code}`);

/**
 * Queue concurrent subscribes of one endpoint behind each other until the transaction
 * ends (PostgreSQL; SQLite runs one transaction at a time already), so two at once cannot
 * both miss the existing row and insert it twice.
 */
export async function lockEndpoint(trx: Transaction<DB>, deps: Deps, endpointHash: string): Promise<void> {
  if (deps.database.dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtextextended(${`alert-confirm:${endpointHash}`}, 0))`.execute(trx);
}

/**
 * Throws 429 when this endpoint has had its share of confirmation messages. On PostgreSQL
 * concurrent subscribes of one endpoint queue on a transaction lock keyed by it, so a burst
 * cannot all read the same count; SQLite runs one transaction at a time already.
 */
export async function assertCanSendCode(trx: Transaction<DB>, deps: Deps, endpointHash: string): Promise<void> {
  await lockEndpoint(trx, deps, endpointHash);
  const now = deps.clock.now().getTime();
  const lastHour = await repo.countConfirmationSends(trx, endpointHash, new Date(now - 3600_000).toISOString());
  const lastDay =
    lastHour >= SENDS_PER_HOUR
      ? lastHour
      : await repo.countConfirmationSends(trx, endpointHash, new Date(now - DAY_MS).toISOString());
  if (lastHour >= SENDS_PER_HOUR || lastDay >= SENDS_PER_DAY) throw new AppError('too_many_codes', 429);
}

/**
 * Inside the subscribe transaction: give the subscription a new code and queue the
 * message carrying it, in the subscriber's language, through the outbox. The code in the
 * outbox row is encrypted with the contact key like the recipient beside it.
 */
export async function issueCode(
  trx: Transaction<DB>,
  deps: Deps,
  s: {
    id: string;
    networkId: string;
    channel: string;
    endpointEnc: string;
    endpointHash: string;
    language: string;
    pendingChange: repo.PendingChange | null;
  },
): Promise<void> {
  const now = deps.clock.now();
  const code = newCode();
  await repo.setConfirmationCode(trx, s.id, {
    codeHash: codeHash(deps, s.id, code),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    pendingChange: s.pendingChange,
  });
  const sendId = newId();
  await repo.insertConfirmationSend(trx, { id: sendId, endpointHash: s.endpointHash, now: now.toISOString() });
  await insertOutboxRows(trx, deps.keyring, [
    {
      id: newId(),
      networkId: s.networkId,
      channel: s.channel,
      recipientEnc: s.endpointEnc,
      payload: {
        type: 'alert',
        kind: 'confirm',
        codeEnc: deps.keyring.encrypt('contact', code),
        language: s.language,
        subscriptionId: s.id,
      },
      dedupeKey: `alert-confirm:${sendId}`,
      now: now.toISOString(),
    },
  ]);
}

/** Why a code was not accepted; callers answer every one of them the same way (confirmation_invalid). */
export type CodeCheck = 'ok' | 'none' | 'expired' | 'burnt' | 'wrong';

/**
 * Check a code against a subscription waiting for one, counting a wrong guess. `yes` is an
 * SMS reply of YES from the subscribed number itself, which proves the same thing.
 */
export async function checkCode(
  trx: Transaction<DB>,
  deps: Deps,
  sub: repo.SubscriptionRow,
  answer: { code: string } | { yes: true },
): Promise<CodeCheck> {
  if (!sub.confirmCodeHash || !sub.confirmExpiresAt) return 'none';
  if (sub.confirmExpiresAt <= deps.clock.now().toISOString()) return 'expired';
  if (sub.confirmAttempts >= MAX_ATTEMPTS) return 'burnt';
  if ('yes' in answer) return 'ok';
  const given = Buffer.from(codeHash(deps, sub.id, answer.code));
  const stored = Buffer.from(sub.confirmCodeHash);
  if (given.length === stored.length && timingSafeEqual(given, stored)) return 'ok';
  await repo.addConfirmationAttempt(trx, sub.id);
  return 'wrong';
}

/** Retention: drop subscriptions never confirmed (their code has expired), stale pending changes and old send counts. */
export async function purgeUnconfirmedSubscriptions(
  deps: Deps,
): Promise<{ subscriptions: number; changes: number; sends: number }> {
  const now = deps.clock.now();
  return deps.database.db
    .transaction()
    .execute((trx) => repo.purgeUnconfirmed(trx, now.toISOString(), new Date(now.getTime() - DAY_MS).toISOString()));
}
