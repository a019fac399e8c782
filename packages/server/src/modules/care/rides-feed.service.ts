import ical, { ICalEventStatus } from 'ical-generator';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { fill, stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import { findAccountProfilesByIds } from '../identity/index.ts';
import { enterNetwork, findNetworkById, inTransaction } from '../networks/index.ts';
import { CARE_RIDES_POLICY as P } from './care.policy.ts';
import * as feeds from './rides-feed.repository.ts';
import * as repo from './rides.repository.ts';

const DAY = 86_400_000;
type RideKind = keyof ReturnType<typeof stringsFor<'rides'>>['kinds'];

/**
 * The caller's rides feed: its state, a new secret URL (replacing the old one; shown once, only
 * its hash kept), or revoked. Audited like shifts' feeds.
 */
export async function myRideFeed(ctx: RequestContext, slug: string, action: 'get' | 'create' | 'revoke') {
  const { network, actor } = await enterNetwork(ctx, slug, P['ride.feed']);
  const db = ctx.deps.database.db;
  let url: string | null = null;
  if (action !== 'get') {
    const token = newToken();
    const now = ctx.deps.clock.now().toISOString();
    await inTransaction(ctx, async (trx, audit) => {
      await feeds.revokeRideFeeds(trx, network.id, actor.accountId, now);
      if (action === 'create')
        await feeds.insertRideFeed(trx, {
          id: newId(),
          networkId: network.id,
          accountId: actor.accountId,
          tokenHash: hashToken(token),
          now,
        });
      await audit({
        networkId: network.id,
        actorId: actor.accountId,
        action: action === 'create' ? 'care.ride_feed.create' : 'care.ride_feed.revoke',
        targetType: 'account',
        targetId: actor.accountId,
      });
    });
    if (action === 'create') url = `${ctx.deps.config.publicUrl}/api/v1/care/ride-calendar/${token}.ics`;
  }
  const createdAt = await feeds.liveRideFeedCreatedAt(db, network.id, actor.accountId);
  return { active: createdAt !== undefined, createdAt: createdAt ?? null, url: createdAt !== undefined ? url : null };
}

/**
 * The iCalendar text behind a rides feed URL: the person's rides as driver or accompanier from
 * 30 days back to 90 ahead, each with its kind, role and coarse area, never an address (no
 * LOCATION: a calendar syncs to phones and clouds the network does not control). 503 while
 * sealed, like every feed; not_found for an unknown or revoked token.
 */
export async function renderRideFeed(deps: Deps, token: string): Promise<string> {
  if (deps.keyring.sealed) throw new AppError('sealed', 503);
  const db = deps.database.db;
  const feed = await feeds.liveRideFeedByTokenHash(db, hashToken(token));
  const network = feed && (await findNetworkById(db, feed.network_id));
  if (!feed || !network) throw notFound();
  const now = deps.clock.now();
  const rows = await repo.ridesOfPerson(
    db,
    network.id,
    feed.account_id,
    new Date(now.getTime() - 30 * DAY).toISOString(),
    new Date(now.getTime() + 90 * DAY).toISOString(),
  );
  const language = (await findAccountProfilesByIds(db, [feed.account_id])).get(feed.account_id)?.language ?? 'en';
  const s = stringsFor('rides', language);
  const link = `${deps.config.publicUrl}/n/${encodeURIComponent(network.slug)}/care/rides`;
  const cal = ical({ name: network.name, prodId: { company: 'switchboard', product: 'care-rides', language: 'EN' }, ttl: 3600 });
  for (const r of rows) {
    const role = r.driver_account_id === feed.account_id ? 'driver' : 'accompanier';
    const kind = s.kinds[r.kind as RideKind] ?? s.kinds.other;
    cal.createEvent({
      id: `ride-${r.id}@switchboard`,
      start: new Date(r.window_start),
      end: new Date(r.window_end),
      stamp: now,
      sequence: Number(r.version),
      status: r.status === 'failed' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: fill(s.feed.summary, { kind, role: s.roles[role] }),
      description: fill(s.feed.description, { area: r.area_name ?? s.feed.unknownArea, link }),
      url: link,
    });
  }
  return cal.toString();
}
