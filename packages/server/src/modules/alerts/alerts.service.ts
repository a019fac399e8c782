import { createHash, randomBytes } from 'node:crypto';
import type { CreateSubscriptionRequest, PublicAlertList } from '@switchboard/shared';
import { getResolution, isValidCell } from 'h3-js';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findNetworkBySlug } from '../networks/index.ts';
import * as repo from './alerts.repository.ts';

/** Resolution of subscription cells: the same coarse area incidents are alerted on. */
const AREA_RESOLUTION = 7;
/** How far back the public alert list reaches. */
const PUBLIC_WINDOW_MS = 24 * 3600_000;

type SubscriptionInput = z.infer<typeof CreateSubscriptionRequest>;

/** The stored form of a manage token: a plain hash is enough for 256 random bits. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The endpoint for the chosen channel, and the key that identifies it (a push subscription by its URL). */
function endpointOf(ctx: RequestContext, input: SubscriptionInput): { value: string; identity: string } {
  const missing = (path: string) => badRequest('validation_failed', { fields: [{ path, message: `required for channel ${input.channel}` }] });
  const extra = (['push', 'phone', 'email'] as const).filter((f) => input[f] !== undefined && f !== { push: 'push', sms: 'phone', email: 'email' }[input.channel]);
  if (extra.length) throw badRequest('validation_failed', { fields: extra.map((f) => ({ path: `/${f}`, message: `not allowed for channel ${input.channel}` })) });
  if (input.channel === 'push') {
    if (!input.push) throw missing('/push');
    const protocol = new URL(input.push.endpoint).protocol;
    // Subscribers choose the URL the server will POST to: https only, except on a development server.
    const httpAllowed = ctx.deps.config.publicUrl.startsWith('http://');
    if (protocol !== 'https:' && !(httpAllowed && protocol === 'http:')) throw badRequest('validation_failed', { fields: [{ path: '/push/endpoint', message: 'must be https' }] });
    return { value: JSON.stringify({ endpoint: input.push.endpoint, keys: input.push.keys }), identity: `push:${input.push.endpoint}` };
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
  const c = ctx.deps.config;
  return channel === 'push' ? !!c.vapid : channel === 'sms' ? !!c.twilio : !!c.smtp;
}

/**
 * Subscribe anonymously to alerts for some areas. The endpoint is stored encrypted and
 * found again by a keyed hash, so the same phone, address or browser subscribing again
 * updates its areas and language instead of adding a second subscription. The manage
 * token is returned once (only its hash is kept) and is rotated on every re-subscribe.
 */
export async function subscribe(ctx: RequestContext, slug: string, input: SubscriptionInput): Promise<{ created: boolean; id: string; manageToken: string }> {
  const network = await findNetworkBySlug(ctx.deps.database.db, slug);
  if (!network) throw notFound();
  const badCells = input.cells
    .map((cell, i) => ({ cell, i }))
    .filter(({ cell }) => !isValidCell(cell) || getResolution(cell) !== AREA_RESOLUTION)
    .map(({ i }) => ({ path: `/cells/${i}`, message: `must be an H3 cell at resolution ${AREA_RESOLUTION}` }));
  if (badCells.length) throw badRequest('validation_failed', { fields: badCells });
  const endpoint = endpointOf(ctx, input);
  if (!channelConfigured(ctx, input.channel)) throw badRequest('bad_request', { fields: [{ path: '/channel', message: 'channel not available on this server' }] });

  const { keyring, clock, database } = ctx.deps;
  const endpointHash = keyring.lookupHash(endpoint.identity);
  const endpointEnc = keyring.encrypt('contact', endpoint.value);
  const manageToken = randomBytes(32).toString('base64url');
  const manageTokenHash = hashToken(manageToken);
  return database.db.transaction().execute(async (trx) => {
    const existing = await repo.findSubscriptionByEndpoint(trx, network.id, endpointHash);
    if (existing) {
      await repo.updateSubscription(trx, existing.id, { endpointEnc, language: input.language, discreet: input.discreet, manageTokenHash });
      await repo.replaceCells(trx, existing.id, network.id, input.cells);
      return { created: false, id: existing.id, manageToken };
    }
    const id = newId();
    await repo.insertSubscription(trx, { id, networkId: network.id, channel: input.channel, endpointEnc, endpointHash, language: input.language, discreet: input.discreet, manageTokenHash, now: clock.now().toISOString() });
    await repo.replaceCells(trx, id, network.id, input.cells);
    return { created: true, id, manageToken };
  });
}

/** Unsubscribe with the manage token; an unknown token is a 404 (it says nothing about others). */
export async function unsubscribe(ctx: RequestContext, token: string): Promise<void> {
  const deleted = await ctx.deps.database.db.transaction().execute((trx) => repo.deleteSubscriptionByToken(trx, hashToken(token)));
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
  return { alerts: (await repo.listRecentAlerts(ctx.deps.database.db, network.id, since, 200)) as z.infer<typeof PublicAlertList>['alerts'] };
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
