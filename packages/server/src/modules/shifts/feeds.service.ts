import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { toIso } from '../../db/rows.ts';
import { authorize } from '../../platform/access/policy.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, inTransaction } from '../networks/index.ts';
import { assertSeesSite } from './shifts-access.ts';
import * as repo from './shifts.repository.ts';
import * as sitesRepo from './sites.repository.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';
import { vtimezone } from './vtimezone.ts';

const DAY = 86_400_000;

type Owner = { accountId: string } | { siteId: string };

async function feedState(ctx: RequestContext, networkId: string, owner: Owner, url: string | null = null) {
  let q = ctx.deps.database.db
    .selectFrom('calendar_feeds')
    .select('created_at')
    .where('network_id', '=', networkId)
    .where('revoked_at', 'is', null);
  q = 'accountId' in owner ? q.where('account_id', '=', owner.accountId) : q.where('site_id', '=', owner.siteId);
  const row = await q.executeTakeFirst();
  return { active: row !== undefined, createdAt: row ? toIso(row.created_at) : null, url: row ? url : null };
}

/** Revoke any live feed of the owner, and optionally make a new secret URL (shown once; only its hash is kept). */
async function replaceFeed(ctx: RequestContext, networkId: string, owner: Owner, create: boolean) {
  const actorId = ctx.actor!.accountId;
  const now = ctx.deps.clock.now().toISOString();
  const token = newToken();
  await inTransaction(ctx, async (trx, audit) => {
    let revoke = trx
      .updateTable('calendar_feeds')
      .set({ revoked_at: now })
      .where('network_id', '=', networkId)
      .where('revoked_at', 'is', null);
    revoke = 'accountId' in owner ? revoke.where('account_id', '=', owner.accountId) : revoke.where('site_id', '=', owner.siteId);
    await revoke.execute();
    if (create) {
      await trx
        .insertInto('calendar_feeds')
        .values({
          id: newId(),
          network_id: networkId,
          account_id: 'accountId' in owner ? owner.accountId : null,
          site_id: 'siteId' in owner ? owner.siteId : null,
          token_hash: hashToken(token),
          created_by: actorId,
          created_at: now,
          revoked_at: null,
        })
        .execute();
    }
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
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, network.id, siteId));
  authorize(access, P['feed.site'], site.organizationId);
  const owner = { siteId };
  return action === 'get' ? feedState(ctx, network.id, owner) : replaceFeed(ctx, network.id, owner, action === 'create');
}

/**
 * The iCalendar text behind a secret feed URL, or not_found for an unknown or revoked
 * token. Times carry the network's TZID with a matching VTIMEZONE.
 */
export async function renderFeed(deps: Deps, token: string): Promise<string> {
  const db = deps.database.db;
  const feed = await db
    .selectFrom('calendar_feeds as f')
    .innerJoin('networks as n', 'n.id', 'f.network_id')
    .select(['f.id', 'f.network_id', 'f.account_id', 'f.site_id', 'n.name as network_name', 'n.slug', 'n.time_zone'])
    .where('f.token_hash', '=', hashToken(token))
    .where('f.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!feed) throw notFound();
  const now = deps.clock.now();
  let q = repo
    .occurrenceQuery(db, feed.network_id)
    .where('o.cancelled', '=', 0)
    .where('o.starts_at', '>', new Date(now.getTime() - 30 * DAY).toISOString())
    .where('o.starts_at', '<', new Date(now.getTime() + 90 * DAY).toISOString());
  if (feed.account_id)
    q = q.where(
      'o.id',
      'in',
      db
        .selectFrom('shift_signups')
        .select('occurrence_id')
        .where('account_id', '=', feed.account_id)
        .where('status', '=', 'confirmed'),
    );
  else q = q.where('o.site_id', '=', feed.site_id!);
  const rows = (await q.orderBy('o.starts_at').limit(2000).execute()).map(repo.toOccurrence);
  const zone = feed.time_zone;
  const year = DateTime.fromJSDate(now, { zone }).year;
  const cal = ical({
    name: feed.network_name,
    prodId: { company: 'switchboard', product: 'shifts', language: 'EN' },
    timezone: { name: zone, generator: (tz: string) => vtimezone(tz, year - 1, year + 1) },
    ttl: 3600,
  });
  const link = `${deps.config.publicUrl}/n/${encodeURIComponent(feed.slug)}/shifts/mine`;
  for (const o of rows) {
    cal.createEvent({
      id: `${o.id}@switchboard`,
      start: DateTime.fromISO(o.startsAt, { zone }),
      end: DateTime.fromISO(o.endsAt, { zone }),
      timezone: zone,
      stamp: now,
      summary: `${o.title} — ${o.siteName}`,
      location: o.address,
      url: link,
    });
  }
  return cal.toString();
}
