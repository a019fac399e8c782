import type { OrgRole, SetRolesRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { invalidateCaches } from '../../platform/events/cache-invalidation.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/access/policy.ts';
import { auditRead, enterNetwork, inTransaction } from './network-context.ts';
import { NETWORKS_POLICY as P } from './networks.policy.ts';
import { membersOf, pendingMembersOf } from './member-directory.ts';
import * as repo from './networks.repository.ts';

/** Load a membership of the network and check the caller manages its organization. */
async function managedMembership(ctx: RequestContext, slug: string, membershipId: string) {
  // Authorization needs the membership's organization, so read the id first, then check.
  const inNet = await enterNetwork(ctx, slug, P['network.read']);
  const membership = await repo.findMembership(ctx.deps.database.db, inNet.network.id, membershipId);
  if (!membership || membership.status === 'removed') throw notFound();
  authorize(inNet.access, P['membership.manage'], membership.organizationId);
  return { ...inNet, membership };
}

/** Replace the roles of a membership (coordinator of its organization, or admin). */
export async function setRoles(ctx: RequestContext, slug: string, membershipId: string, input: z.infer<typeof SetRolesRequest>) {
  const { network, actor, membership } = await managedMembership(ctx, slug, membershipId);
  const roles = [...new Set(input.roles)] as OrgRole[];
  await inTransaction(ctx, async (trx, audit) => {
    await repo.updateMembership(trx, membershipId, { roles, now: ctx.deps.clock.now() });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'membership.roles.set',
      targetType: 'membership',
      targetId: membershipId,
      detail: { from: membership.roles, to: roles },
    });
  });
  await invalidateCaches(ctx.deps, { scope: 'account', accountId: membership.accountId });
  const member = (await membersOf(ctx.deps.database.db, ctx.deps.keyring, membership.organizationId)).find(
    (m) => m.membershipId === membershipId,
  );
  if (!member) throw notFound();
  return member;
}

/** Remove a member from an organization. */
export async function removeMember(ctx: RequestContext, slug: string, membershipId: string): Promise<void> {
  const { network, actor, membership } = await managedMembership(ctx, slug, membershipId);
  await inTransaction(ctx, async (trx, audit) => {
    await repo.updateMembership(trx, membershipId, { status: 'removed', roles: [], now: ctx.deps.clock.now() });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'membership.remove',
      targetType: 'membership',
      targetId: membershipId,
    });
  });
  await invalidateCaches(ctx.deps, { scope: 'account', accountId: membership.accountId });
}

/** Pending members of the network a vouched member may vouch for. */
export async function listPending(ctx: RequestContext, slug: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['pending.list']);
  const rows = (await pendingMembersOf(ctx.deps.database.db, ctx.deps.keyring, network.id, actor.accountId)).filter(
    (r) => r.accountId !== actor.accountId,
  );
  // Names and emails of people not yet vouched in: a sensitive read, audited like the member list.
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'pending.list.read',
    targetType: 'network',
    targetId: network.id,
    detail: { count: rows.length },
  });
  return {
    pending: rows.map(({ accountId: _omit, ...r }) => ({ ...r, required: network.settings.vouchesRequired })),
  };
}

/**
 * Vouch for a pending member. Once the network's number of vouches is reached
 * the membership becomes active and its roles take effect.
 */
export async function vouch(ctx: RequestContext, slug: string, membershipId: string) {
  const { network, actor } = await enterNetwork(ctx, slug, P['membership.vouch']);
  const required = network.settings.vouchesRequired;
  const result = await inTransaction(ctx, async (trx, audit) => {
    const membership = await repo.findMembership(trx, network.id, membershipId);
    if (!membership || membership.status === 'removed') throw notFound();
    if (membership.accountId === actor.accountId) throw badRequest('cannot_vouch_self');
    // Already vouched in by others: nothing left to do, and nothing wrong with the voucher.
    if (membership.status === 'active') throw conflict('conflict', { status: 'active' });
    if (
      !(await repo.insertVouch(trx, {
        membershipId,
        voucherAccountId: actor.accountId,
        networkId: network.id,
        now: ctx.deps.clock.now(),
      }))
    ) {
      throw conflict('already_vouched');
    }
    const vouches = await repo.countVouches(trx, membershipId);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'membership.vouch',
      targetType: 'membership',
      targetId: membershipId,
      detail: { vouches, required },
    });
    let status: 'pending' | 'active' = 'pending';
    if (vouches >= required) {
      status = 'active';
      await repo.updateMembership(trx, membershipId, { status, now: ctx.deps.clock.now() });
      await audit({
        networkId: network.id,
        actorId: null,
        action: 'membership.activate',
        targetType: 'membership',
        targetId: membershipId,
        detail: { vouches },
      });
    }
    return { status, vouches, required, accountId: membership.accountId };
  });
  const { accountId, ...answer } = result;
  if (answer.status === 'active') await invalidateCaches(ctx.deps, { scope: 'account', accountId });
  return answer;
}
