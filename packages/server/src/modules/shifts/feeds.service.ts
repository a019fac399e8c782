import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { authorize } from '../../platform/access/policy.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, findNetworkById, inTransaction } from '../networks/index.ts';
import { assertSeesSite } from './shifts-access.ts';
import * as feeds from './feeds.repository.ts';
import * as repo from './shifts.repository.ts';
import * as sitesRepo from './sites.repository.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';
import { vtimezone } from './vtimezone.ts';

const DAY = 86_400_000;
/** How long a skipped date stays in feeds as CANCELLED, so calendar apps that polled before the skip drop it. */
const CANCELLED_KEPT_MS = 30 * DAY;

async function feedState(ctx: RequestContext, networkId: string, owner: feeds.FeedOwner, url: string | null = null) {
  const createdAt = await feeds.liveFeedCreatedAt(ctx.deps.database.db, networkId, owner);
  return { active: createdAt !== undefined, createdAt: createdAt ?? null, url: createdAt !== undefined ? url : null };
}

/** Revoke any live feed of the owner, and optionally make a new secret URL (shown once; only its hash is kept). */
async function replaceFeed(ctx: RequestContext, networkId: string, owner: feeds.FeedOwner, create: boolean) {
  const actorId = ctx.actor!.accountId;
  const now = ctx.deps.clock.now().toISOString();
  const token = newToken();
  await inTransaction(ctx, async (trx, audit) => {
    await feeds.revokeFeeds(trx, networkId, owner, now);
    if (create)
      await feeds.insertFeed(trx, { id: newId(), networkId, owner, tokenHash: hashToken(token), createdBy: actorId, now });
    await audit({
      networkId,
      actorId,
      action: create ? 'calendar_feed.create' : 'calendar_feed.revoke',
      targetType: 'accountId' in owner ? 'account' : 'site',
      targetId: 'accountId' in owner ? owner.accountId : owner.siteId,
    });
  });
  return feedState(ctx, networkId, owner, create ? `${ctx.deps.config.publicUrl}/api/v1/calendar/${token}.ics` : null);
}

/** The caller's own feed: state, new secret URL (replacing the old one), or revoked. */
export async function myFeed(ctx: RequestContext, slug: string, action: 'get' | 'create' | 'revoke') {
  const { network, actor } = await enterNetwork(ctx, slug, P['feed.self']);
  const owner = { accountId: actor.accountId };
  return action === 'get' ? feedState(ctx, network.id, owner) : replaceFeed(ctx, network.id, owner, action === 'create');
}

/** A site's feed, for its coordinators. */
export async function siteFeed(ctx: RequestContext, slug: string, siteId: string, action: 'get' | 'create' | 'revoke') {
  const { network, access } = await enterNetwork(ctx, slug, P['site.list']);
  const db = ctx.deps.database.db;
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, network.id, siteId));
  authorize(access, P['feed.site'], site.organizationId);
  const owner = { siteId };
  return action === 'get' ? feedState(ctx, network.id, owner) : replaceFeed(ctx, network.id, owner, action === 'create');
}

/**
 * The iCalendar text behind a secret feed URL, or not_found for an unknown or revoked
 * token. Times carry the network's TZID with a matching VTIMEZONE. Each event keeps its UID
 * for good; SEQUENCE counts its changes and LAST-MODIFIED says when the last one was, so a
 * calendar app replaces what it holds instead of keeping an old time.
 */
export async function renderFeed(deps: Deps, token: string): Promise<string> {
  // Sealed: a feed gives site names and addresses to whoever holds its URL; nothing until unsealed.
  if (deps.keyring.sealed) throw new AppError('sealed', 503);
  const db = deps.database.db;
  const feed = await feeds.liveFeedByTokenHash(db, hashToken(token));
  const network = feed && (await findNetworkById(db, feed.networkId));
  if (!feed || !network) throw notFound();
  const now = deps.clock.now();
  const rows = await repo.feedOccurrences(
    db,
    deps.keyring,
    feed.networkId,
    feed.owner,
    {
      after: new Date(now.getTime() - 30 * DAY).toISOString(),
      before: new Date(now.getTime() + 90 * DAY).toISOString(),
      cancelledSince: new Date(now.getTime() - CANCELLED_KEPT_MS).toISOString(),
    },
    2000,
  );
  const zone = network.timeZone;
  const year = DateTime.fromJSDate(now, { zone }).year;
  const cal = ical({
    name: network.name,
    prodId: { company: 'switchboard', product: 'shifts', language: 'EN' },
    timezone: { name: zone, generator: (tz: string) => vtimezone(tz, year - 1, year + 1) },
    ttl: 3600,
  });
  // A person's feed links to their shifts; a site's feed to the site's page.
  const networkUrl = `${deps.config.publicUrl}/n/${encodeURIComponent(network.slug)}`;
  const link =
    'siteId' in feed.owner ? `${networkUrl}/sites/${encodeURIComponent(feed.owner.siteId)}` : `${networkUrl}/shifts/mine`;
  for (const o of rows) {
    cal.createEvent({
      id: `${o.id}@switchboard`,
      start: DateTime.fromISO(o.startsAt, { zone }),
      end: DateTime.fromISO(o.endsAt, { zone }),
      timezone: zone,
      stamp: now,
      sequence: o.revision,
      status: o.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: `${o.title} — ${o.siteName}`,
      location: o.address,
      url: link,
    });
  }
  return withUtcStamps(cal.toString(), now, new Map(rows.map((o) => [`${o.id}@switchboard`, new Date(o.lastModified)])));
}

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/**
 * DTSTAMP and LAST-MODIFIED in UTC, as RFC 5545 requires. ical-generator writes them as
 * floating local times (the server's clock zone) once the calendar has a time zone, which
 * parsers then read in the calendar's zone: hours off. So they are set here, after the UID.
 */
function withUtcStamps(ics: string, now: Date, lastModified: Map<string, Date>): string {
  return ics.replace(/^DTSTAMP:[^\r\n]*/gm, `DTSTAMP:${utc(now)}`).replace(/^UID:([^\r\n]*)/gm, (line, uid: string) => {
    const at = lastModified.get(uid);
    return at ? `${line}\r\nLAST-MODIFIED:${utc(at)}` : line;
  });
}
