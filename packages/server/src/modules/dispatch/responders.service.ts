import { ResponderChange, type AvailabilityRequest, type SetQualificationsRequest } from '@switchboard/shared';
import type { z } from 'zod';
import { rolesHeld } from '../../platform/access/access.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import {
  activeMemberAccountIds,
  activeOrganizationIdsOf,
  enterNetwork,
  findOrganization,
  inTransaction,
  NETWORKS_POLICY,
} from '../networks/index.ts';
import { findIncident, toIncidentDto } from '../reports/index.ts';
import { certifiedQualifications } from '../training/index.ts';
import * as repo from './dispatch.repository.ts';
import { DISPATCH_POLICY as P } from './dispatch.policy.ts';
import { toResponderCell } from './responder-index.ts';
import { findResponder, listDispatchesOfIncident, type ResponderRow } from './responder-profiles.ts';

/** A responder sets themself available (with a coarse cell) or not (the cell is dropped). */
export async function setAvailability(ctx: RequestContext, slug: string, input: z.infer<typeof AvailabilityRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.self']);
  const cell = input.available ? (input.cell ? toResponderCell(input.cell) : undefined) : null;
  if (input.available && !cell) throw badRequest('validation_failed', { fields: ['cell'] });
  const now = ctx.deps.clock.now().toISOString();
  const db = ctx.deps.database.db;
  await repo.upsertResponder(db, network.id, actor.accountId, { available: input.available, cell: cell ?? null }, now);
  const me = (await findResponder(db, network.id, actor.accountId, ctx.deps.clock.now()))!;
  await publishResponder(ctx.deps, network.id, me);
  return responderState(ctx, slug);
}

async function publishResponder(deps: Deps, networkId: string, r: ResponderRow) {
  // Stored as text: parsed into the shared event shape here, where it leaves for other processes.
  const change = ResponderChange.parse({
    accountId: r.accountId,
    available: r.available,
    cell: r.cell,
    qualifications: r.qualifications,
    languages: r.languages,
    certified: r.certified,
  });
  await deps.events.publish({ type: 'responder.updated', networkId, data: change });
}

/** A responder's own state: availability, qualifications and open dispatches. */
export async function responderState(ctx: RequestContext, slug: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.self']);
  const db = ctx.deps.database.db;
  const me = await findResponder(db, network.id, actor.accountId, ctx.deps.clock.now());
  const incidentIds = await repo.listOpenDispatchesOf(db, network.id, actor.accountId);
  const dispatches = [];
  for (const incidentId of incidentIds) {
    const incident = await findIncident(db, ctx.deps.keyring, network.id, incidentId);
    const mine = (await listDispatchesOfIncident(db, ctx.deps.keyring, incidentId)).find((d) => d.accountId === actor.accountId);
    if (incident && mine) {
      const dto = toIncidentDto(incident, null);
      dispatches.push({
        ...mine,
        incident: { id: dto.id, category: dto.category, locationText: dto.locationText, point: dto.point, status: dto.status },
      });
    }
  }
  // What dispatch counts now: set by hand, or through a certification valid at this moment.
  const qualifications = [...new Set([...(me?.qualifications ?? []), ...(me?.certified ?? []).map((c) => c.qualification)])];
  return { available: me?.available ?? false, cell: me?.cell ?? null, qualifications: qualifications as never[], dispatches };
}

/** A coordinator (of an organization the member belongs to) or admin sets a member's qualifications. */
export async function setQualifications(
  ctx: RequestContext,
  slug: string,
  accountId: string,
  input: z.infer<typeof SetQualificationsRequest>,
) {
  const { network, access, actor } = await enterNetwork(ctx, slug, NETWORKS_POLICY['network.read']);
  const db = ctx.deps.database.db;
  const theirOrgs = await activeOrganizationIdsOf(db, network.id, accountId);
  if (theirOrgs.length === 0) throw notFound();
  const allowed = access.isNetworkAdmin || theirOrgs.some((orgId) => rolesHeld(access, orgId).has('org_coordinator'));
  if (!allowed) throw forbidden();
  const qualifications = [...new Set(input.qualifications)];
  await inTransaction(ctx, async (trx, audit) => {
    await repo.upsertResponder(trx, network.id, accountId, { qualifications }, ctx.deps.clock.now().toISOString());
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'responder.qualifications',
      targetType: 'account',
      targetId: accountId,
      detail: { qualifications },
    });
  });
  const row = (await findResponder(db, network.id, accountId, ctx.deps.clock.now()))!;
  await publishResponder(ctx.deps, network.id, row);
  return { accountId, qualifications };
}

/**
 * What a coordinator (of this organization) or admin sees of its active members'
 * qualifications: set by hand apart from those held through a certification valid now.
 * People's training records are sensitive, so the read is audited.
 */
export async function listMemberQualifications(ctx: RequestContext, slug: string, orgId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.qualifications'], orgId);
  const db = ctx.deps.database.db;
  if (!(await findOrganization(db, network.id, orgId))) throw notFound();
  const rows = await memberQualifications(db, network.id, orgId, ctx.deps.clock.now());
  await inTransaction(ctx, (_trx, audit) =>
    audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'responder.qualifications.read',
      targetType: 'organization',
      targetId: orgId,
      detail: { count: rows.length },
    }),
  );
  const members = rows.map((r) => ({
    accountId: r.accountId,
    manual: r.manual as never[],
    certified: latestPerQualification(r.certified) as { qualification: never; expiresAt: string | null }[],
  }));
  return { members };
}

/** One entry per qualification: the certification that lasts longest (no expiry beats any date). */
function latestPerQualification(list: { qualification: string; expiresAt: string | null }[]) {
  const best = new Map<string, string | null>();
  for (const c of list) {
    if (!best.has(c.qualification)) best.set(c.qualification, c.expiresAt);
    const held = best.get(c.qualification)!;
    if (held !== null && (c.expiresAt === null || c.expiresAt > held)) best.set(c.qualification, c.expiresAt);
  }
  return [...best]
    .map(([qualification, expiresAt]) => ({ qualification, expiresAt }))
    .sort((a, b) => a.qualification.localeCompare(b.qualification));
}

/**
 * Certifications of these accounts changed (issued, revoked, imported): refresh their
 * entries in every process's responder index, so dispatch sees the change at once.
 */
export async function refreshResponders(deps: Deps, networkId: string, accountIds: string[]): Promise<void> {
  const now = deps.clock.now();
  for (const accountId of new Set(accountIds)) {
    const row = await findResponder(deps.database.db, networkId, accountId, now);
    if (row) await publishResponder(deps, networkId, row);
  }
}

/** Authorize a responder's own live stream. */
export async function openResponderStream(ctx: RequestContext, slug: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['responder.self']);
  return { networkId: network.id, accountId: actor.accountId };
}

/**
 * Active members of an organization with the qualifications set by hand and those from
 * certifications valid at `at` (with when each lapses), kept apart so a coordinator can
 * tell which of them a save can change.
 */
async function memberQualifications(db: Deps['database']['db'], networkId: string, organizationId: string, at: Date) {
  const accountIds = await activeMemberAccountIds(db, networkId, organizationId);
  const [stored, certified] = await Promise.all([
    repo.listResponderRows(db, networkId, accountIds),
    certifiedQualifications(db, networkId, at, accountIds),
  ]);
  const manual = new Map(stored.map((r) => [r.accountId, r.qualifications]));
  return accountIds.map((accountId) => ({
    accountId,
    manual: manual.get(accountId) ?? [],
    certified: certified.get(accountId) ?? [],
  }));
}
