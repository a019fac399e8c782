import { createHash, randomBytes } from 'node:crypto';
import type { ConfirmSubscriptionRequest, CreateSubscriptionRequest, PublicAlertList } from '@switchboard/shared';
import { getResolution, isValidCell } from 'h3-js';
import type { z } from 'zod';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findNetworkBySlug } from '../networks/index.ts';
import { cellsOfAreas } from '../places/index.ts';
import { channelAvailable, pushEndpointRefusal } from '../notify/index.ts';
import { assertCanSendCode, checkCode, issueCode, lockEndpoint } from './alert-confirmation.ts';
import * as repo from './alerts.repository.ts';

/** Resolution of subscription cells: the same coarse area incidents are alerted on. */
const AREA_RESOLUTION = 7;
/** Most cells one subscription watches (areas picked by name add theirs). */
const MAX_CELLS = 80;
/** How far back the public alert list reaches. */
const PUBLIC_WINDOW_MS = 24 * 3600_000;

type SubscriptionInput = z.infer<typeof CreateSubscriptionRequest>;
type ConfirmInput = z.infer<typeof ConfirmSubscriptionRequest>;

/** The stored form of a manage token: a plain hash is enough for 256 random bits. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The endpoint for the chosen channel, and the key that identifies it (a push subscription by its URL). */
function endpointOf(input: SubscriptionInput): { value: string; identity: string } {
  const missing = (path: string) =>
    badRequest('validation_failed', { fields: [{ path, message: `required for channel ${input.channel}` }] });
  const extra = (['push', 'phone', 'email'] as const).filter(
    (f) => input[f] !== undefined && f !== { push: 'push', sms: 'phone', email: 'email' }[input.channel],
  );
  if (extra.length)
    throw badRequest('validation_failed', {
      fields: extra.map((f) => ({ path: `/${f}`, message: `not allowed for channel ${input.channel}` })),
    });
  if (input.channel === 'push') {
    if (!input.push) throw missing('/push');
    return {
      value: JSON.stringify({ endpoint: input.push.endpoint, keys: input.push.keys }),
      identity: `push:${input.push.endpoint}`,
    };
  }
  if (input.channel === 'sms') {
    if (!input.phone) throw missing('/phone');
    return { value: input.phone, identity: `sms:${input.phone}` };
  }
  if (!input.email) throw missing('/email');
  const email = input.email.trim().toLowerCase();
  return { value: email, identity: `email:${email}` };
}

/** Whether this deployment can deliver on a channel at all. */
function channelConfigured(ctx: RequestContext, channel: SubscriptionInput['channel']): boolean {
  return channelAvailable(ctx.deps, channel);
}

/** What a subscribe answers (the route sends 201, 200 or 202). */
export type SubscribeResult =
  | { status: 200 | 201; body: { confirmationRequired: false; id: string; manageToken: string } }
  | { status: 202; body: { confirmationRequired: true } };

/**
 * Subscribe anonymously to alerts for some areas. The endpoint is stored encrypted and
 * found again by a keyed hash, so the same phone, address or browser subscribing again
 * updates its areas and language instead of adding a second subscription.
 *
 * Web Push is active at once: the manage token is returned once (only its hash is kept)
 * and rotated on every re-subscribe. SMS and email wait for a code sent to them; until
 * it is confirmed nothing else reaches them, and a confirmed subscription keeps its old
 * settings and token until the new ones are confirmed, so a stranger can neither sign
 * someone up nor change what they receive.
 */
export async function subscribe(ctx: RequestContext, slug: string, input: SubscriptionInput): Promise<SubscribeResult> {
  const network = await findNetworkBySlug(ctx.deps.database.db, slug);
  if (!network) throw notFound();
  const badCells = input.cells
    .map((cell, i) => ({ cell, i }))
    .filter(({ cell }) => !isValidCell(cell) || getResolution(cell) !== AREA_RESOLUTION)
    .map(({ i }) => ({ path: `/cells/${i}`, message: `must be an H3 cell at resolution ${AREA_RESOLUTION}` }));
  if (badCells.length) throw badRequest('validation_failed', { fields: badCells });
  // Areas picked by name cover the cells under them; what is stored and matched is cells alone.
  const named = await cellsOfAreas(ctx.deps, network.id, input.areas, AREA_RESOLUTION);
  if (named.missing.length)
    throw badRequest('validation_failed', {
      fields: named.missing.map((i) => ({ path: `/areas/${i}`, message: 'no such area in this network' })),
    });
  input = { ...input, cells: [...new Set([...input.cells, ...named.cells])] };
  if (input.cells.length > MAX_CELLS)
    throw badRequest('validation_failed', { fields: [{ path: '/areas', message: `at most ${MAX_CELLS} cells in all` }] });
  const endpoint = endpointOf(input);
  if (!channelConfigured(ctx, input.channel))
    throw badRequest('bad_request', { fields: [{ path: '/channel', message: 'channel not available on this server' }] });
  if (input.push) {
    // Subscribers choose the URL the server will POST to: only push services on public addresses.
    const refused = await pushEndpointRefusal(ctx.deps, input.push.endpoint);
    if (refused) throw badRequest('push_endpoint_refused', { fields: [{ path: '/push/endpoint', message: refused.reason }] });
  }

  const { keyring, clock, database } = ctx.deps;
  const endpointHash = keyring.lookupHash(endpoint.identity);
  const endpointEnc = keyring.encrypt('contact', endpoint.value);
  const manageToken = randomBytes(32).toString('base64url');
  const manageTokenHash = hashToken(manageToken);
  const now = clock.now().toISOString();

  if (input.channel === 'push') {
    return database.db.transaction().execute(async (trx): Promise<SubscribeResult> => {
      await lockEndpoint(trx, ctx.deps, endpointHash);
      const existing = await repo.findSubscriptionByEndpoint(trx, network.id, endpointHash);
      if (existing) {
        await repo.updateSubscription(trx, existing.id, {
          endpointEnc,
          language: input.language,
          discreet: input.discreet,
          manageTokenHash,
        });
        await repo.replaceCells(trx, existing.id, network.id, input.cells);
        return { status: 200, body: { confirmationRequired: false, id: existing.id, manageToken } };
      }
      const id = newId();
      // Only the browser that holds the push subscription can receive on it: no code needed.
      await repo.insertSubscription(trx, {
        id,
        networkId: network.id,
        channel: input.channel,
        endpointEnc,
        endpointHash,
        language: input.language,
        discreet: input.discreet,
        manageTokenHash,
        now,
        confirmedAt: now,
      });
      await repo.replaceCells(trx, id, network.id, input.cells);
      return { status: 201, body: { confirmationRequired: false, id, manageToken } };
    });
  }

  await database.db.transaction().execute(async (trx) => {
    await assertCanSendCode(trx, ctx.deps, endpointHash);
    const existing = await repo.findSubscriptionByEndpoint(trx, network.id, endpointHash);
    const target = { networkId: network.id, channel: input.channel, endpointEnc, endpointHash, language: input.language };
    if (!existing) {
      const id = newId();
      // The token nobody holds yet: a fresh one is handed out on confirmation.
      await repo.insertSubscription(trx, {
        id,
        networkId: network.id,
        channel: input.channel,
        endpointEnc,
        endpointHash,
        language: input.language,
        discreet: input.discreet,
        manageTokenHash,
        now,
        confirmedAt: null,
      });
      await repo.replaceCells(trx, id, network.id, input.cells);
      await issueCode(trx, ctx.deps, { ...target, id, pendingChange: null });
    } else if (!existing.confirmedAt) {
      // Still unconfirmed and receiving nothing: take the new settings now.
      await repo.updateSubscription(trx, existing.id, { endpointEnc, language: input.language, discreet: input.discreet });
      await repo.replaceCells(trx, existing.id, network.id, input.cells);
      await issueCode(trx, ctx.deps, { ...target, id: existing.id, pendingChange: null });
    } else {
      await issueCode(trx, ctx.deps, {
        ...target,
        id: existing.id,
        pendingChange: { cells: [...new Set(input.cells)], language: input.language, discreet: input.discreet },
      });
    }
  });
  return { status: 202, body: { confirmationRequired: true } };
}

/**
 * Confirm an SMS or email subscription with its code (from the alerts page), or with an
 * SMS reply from the number itself. Any failure is the same `confirmation_invalid`, so
 * the answer says nothing about whether that number or address is subscribed. A wrong
 * guess is counted in its own transaction before the error goes out.
 */
export async function confirm(
  ctx: RequestContext,
  slug: string,
  input: ConfirmInput,
): Promise<{ id: string; manageToken: string }> {
  const network = await findNetworkBySlug(ctx.deps.database.db, slug);
  if (!network) throw notFound();
  const value = input.channel === 'sms' ? input.phone : input.email?.trim().toLowerCase();
  if (!value || (input.channel === 'sms' ? input.email : input.phone) !== undefined) {
    throw badRequest('validation_failed', {
      fields: [{ path: input.channel === 'sms' ? '/phone' : '/email', message: `required for channel ${input.channel}` }],
    });
  }
  const result = await confirmEndpoint(ctx.deps, network.id, `${input.channel}:${value}`, { code: input.code });
  if (!result) throw badRequest('confirmation_invalid');
  return result;
}

/** Confirm the subscription of an endpoint identity ("sms:+1…", "email:…") in a network; undefined when the answer does not hold. */
export async function confirmEndpoint(
  deps: Deps,
  networkId: string,
  identity: string,
  answer: { code: string } | { yes: true },
): Promise<{ id: string; manageToken: string; language: string } | undefined> {
  const endpointHash = deps.keyring.lookupHash(identity);
  const manageToken = randomBytes(32).toString('base64url');
  return deps.database.db.transaction().execute(async (trx) => {
    const sub = await repo.findSubscriptionByEndpoint(trx, networkId, endpointHash);
    if (!sub || (await checkCode(trx, deps, sub, answer)) !== 'ok') return undefined;
    const change = sub.pendingChange;
    if (change) await repo.replaceCells(trx, sub.id, networkId, change.cells);
    await repo.markConfirmed(trx, sub.id, {
      confirmedAt: sub.confirmedAt ?? deps.clock.now().toISOString(),
      manageTokenHash: hashToken(manageToken),
      language: change?.language,
      discreet: change?.discreet,
    });
    return { id: sub.id, manageToken, language: change?.language ?? sub.language };
  });
}

/** Unsubscribe with the manage token; an unknown token is a 404 (it says nothing about others). */
export async function unsubscribe(ctx: RequestContext, token: string): Promise<void> {
  const deleted = await ctx.deps.database.db
    .transaction()
    .execute((trx) => repo.deleteSubscriptionByToken(trx, hashToken(token)));
  if (!deleted) throw notFound();
}

/** The network, if it shows alerts publicly; otherwise 404 as if the page did not exist. */
async function publicNetwork(ctx: RequestContext, slug: string) {
  const network = await findNetworkBySlug(ctx.deps.database.db, slug);
  if (!network || !network.settings.rapidResponse.publicAlertMap) throw notFound();
  return network;
}

/** Alerts of the last day for the public map (coarse areas only), when the network has switched it on. */
export async function listPublicAlerts(ctx: RequestContext, slug: string): Promise<z.infer<typeof PublicAlertList>> {
  const network = await publicNetwork(ctx, slug);
  const since = new Date(ctx.deps.clock.now().getTime() - PUBLIC_WINDOW_MS).toISOString();
  return {
    alerts: (await repo.listRecentAlerts(ctx.deps.database.db, network.id, since, 200)) as z.infer<
      typeof PublicAlertList
    >['alerts'],
  };
}

/** Authorize the public live alert stream; returns the network id to stream. */
export async function openPublicAlertStream(ctx: RequestContext, slug: string): Promise<string> {
  return (await publicNetwork(ctx, slug)).id;
}

/** The VAPID public key, or 404 when Web Push is not configured. */
export function vapidPublicKey(ctx: RequestContext): { publicKey: string } {
  if (!ctx.deps.config.vapid) throw notFound();
  return { publicKey: ctx.deps.config.vapid.publicKey };
}
