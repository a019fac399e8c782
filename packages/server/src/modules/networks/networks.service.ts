import type { CreateOrganizationRequest, UpdateNetworkSettingsRequest } from '@switchboard/shared';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { invalidateCaches } from '../../platform/events/cache-invalidation.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { auditRead, enterNetwork, inTransaction } from './network-context.ts';
import { defaultNetworkSettings, mergeSettings } from './network-settings.ts';
import { NETWORKS_POLICY as P } from './networks.policy.ts';
import { membersOf } from './member-directory.ts';
import * as repo from './networks.repository.ts';
import * as orgs from './organizations.repository.ts';

/** Create a network (CLI and demo seed; there is no HTTP route for this on purpose), audited with no actor. */
export async function createNetwork(
  deps: Deps,
  input: { slug: string; name: string; timeZone: string; settings?: z.infer<typeof UpdateNetworkSettingsRequest> },
): Promise<repo.NetworkRow> {
  const { db, dialect } = deps.database;
  const { settings: patch, ...fields } = input;
  const settings = patch ? mergeSettings(defaultNetworkSettings(), patch) : defaultNetworkSettings();
  const network = { id: newId(), ...fields, settings };
  const now = deps.clock.now();
  await db.transaction().execute(async (trx) => {
    if (await repo.findNetworkBySlug(trx, input.slug)) throw conflict('slug_taken');
    await repo.insertNetwork(trx, { ...network, now });
    await appendAudit(trx, dialect, now, {
      networkId: network.id,
      actorId: null,
      action: 'network.create',
      targetType: 'network',
      targetId: network.id,
      detail: { slug: input.slug },
    });
  });
  return network;
}

/** A network's public-to-members view. */
export async function getNetwork(ctx: RequestContext, slug: string) {
  const { network } = await enterNetwork(ctx, slug, P['network.read']);
  return network;
}

/** Change a network's settings (admin). */
export async function updateSettings(ctx: RequestContext, slug: string, patch: z.infer<typeof UpdateNetworkSettingsRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['network.settings.update']);
  // Switched on from a password session, the rule would at once bind the admin switching
  // it (their session could then only register a passkey): they sign in with one first.
  if (patch.requirePasskeyForCoordinators && !network.settings.requirePasskeyForCoordinators && !ctx.actor?.signedInWithPasskey) {
    throw new AppError('passkey_first', 409);
  }
  const settings = mergeSettings(network.settings, patch);
  await inTransaction(ctx, async (trx, audit) => {
    await repo.updateNetworkSettings(trx, network.id, settings);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'network.settings.update',
      targetType: 'network',
      targetId: network.id,
      detail: { settings },
    });
  });
  await invalidateCaches(ctx.deps, { scope: 'network', networkId: network.id });
  return { ...network, settings };
}

function toOrganizationDto(o: orgs.OrganizationRow) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    type: o.type as never,
    status: o.status,
    memberCount: o.memberCount,
    createdAt: o.createdAt,
  };
}

/** Organizations of a network: admins also see those asking to join. */
export async function listOrganizations(ctx: RequestContext, slug: string) {
  const { network, access } = await enterNetwork(ctx, slug, P['organization.list']);
  const statuses = access.isNetworkAdmin ? ['active', 'pending'] : ['active'];
  const rows = await orgs.listOrganizations(ctx.deps.database.db, network.id, statuses);
  return { organizations: rows.map(toOrganizationDto) };
}

/** Create an active organization (admin). */
export async function createOrganization(ctx: RequestContext, slug: string, input: z.infer<typeof CreateOrganizationRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['organization.create']);
  return insertOrganization(ctx, network.id, actor.accountId, input, 'active');
}

/**
 * Ask for a new organization to join the network. It stays pending (its members
 * get no roles) until an admin admits it; the requester becomes its coordinator.
 */
export async function requestOrganization(ctx: RequestContext, slug: string, input: z.infer<typeof CreateOrganizationRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['organization.request']);
  return insertOrganization(ctx, network.id, actor.accountId, input, 'pending');
}

async function insertOrganization(
  ctx: RequestContext,
  networkId: string,
  actorId: string,
  input: z.infer<typeof CreateOrganizationRequest>,
  status: 'active' | 'pending',
) {
  const id = newId();
  const now = ctx.deps.clock.now();
  await inTransaction(ctx, async (trx, audit) => {
    if (await orgs.findOrganizationByName(trx, networkId, input.name)) throw conflict('slug_taken');
    await orgs.insertOrganization(trx, {
      id,
      networkId,
      ...input,
      status,
      requestedBy: status === 'pending' ? actorId : null,
      now,
    });
    if (status === 'pending') {
      const alreadyTrusted = await repo.hasActiveMembership(trx, networkId, actorId);
      await repo.insertMembership(trx, {
        id: newId(),
        networkId,
        organizationId: id,
        accountId: actorId,
        roles: ['org_coordinator'],
        status: alreadyTrusted ? 'active' : 'pending',
        now,
      });
    }
    await audit({
      networkId,
      actorId,
      action: status === 'pending' ? 'organization.request' : 'organization.create',
      targetType: 'organization',
      targetId: id,
      detail: { name: input.name, type: input.type },
    });
  });
  // The requester joined the new organization (pending or, if already trusted, active).
  if (status === 'pending') await invalidateCaches(ctx.deps, { scope: 'account', accountId: actorId });
  const created = await orgs.findOrganization(ctx.deps.database.db, networkId, id);
  if (!created) throw notFound();
  return toOrganizationDto(created);
}

/** Admit or reject an organization that asked to join (admin). */
export async function decideOrganization(ctx: RequestContext, slug: string, orgId: string, decision: 'active' | 'rejected') {
  const { network, actor } = await enterNetwork(ctx, slug, P['organization.decide']);
  const db = ctx.deps.database.db;
  const org = await orgs.findOrganization(db, network.id, orgId);
  if (!org) throw notFound();
  if (org.status !== 'pending') throw conflict();
  await inTransaction(ctx, async (trx, audit) => {
    await orgs.setOrganizationStatus(trx, org.id, decision);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: decision === 'active' ? 'organization.admit' : 'organization.reject',
      targetType: 'organization',
      targetId: org.id,
    });
  });
  // Admission gives every member of the organization their roles.
  await invalidateCaches(ctx.deps, { scope: 'network', networkId: network.id });
  return toOrganizationDto({ ...org, status: decision });
}

/** Find an organization of the network or 404. */
export async function requireOrganization(ctx: RequestContext, networkId: string, orgId: string) {
  const org = await orgs.findOrganization(ctx.deps.database.db, networkId, orgId);
  if (!org) throw notFound();
  return org;
}

/** Members of an organization, with emails: a sensitive read, so it is audited. */
export async function listMembers(ctx: RequestContext, slug: string, orgId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['member.list'], orgId);
  await requireOrganization(ctx, network.id, orgId);
  const members = await membersOf(ctx.deps.database.db, ctx.deps.keyring, orgId);
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'member.list.read',
    targetType: 'organization',
    targetId: orgId,
    detail: { count: members.length },
  });
  return { members };
}
