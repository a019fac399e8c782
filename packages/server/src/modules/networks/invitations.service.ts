import type { AcceptInvitationRequest, CreateInvitationRequest, Language } from '@switchboard/shared';
import type { z } from 'zod';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { RequestContext } from '../../platform/context.ts';
import { invalidateCaches } from '../../platform/events/cache-invalidation.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  assertPasswordSessionAllowed,
  checkPassword,
  createAccount,
  findAccountByEmail,
  startSession,
} from '../identity/index.ts';
import { enterNetwork, inTransaction } from './network-context.ts';
import { NETWORKS_POLICY as P } from './networks.policy.ts';
import * as invitationsRepo from './invitations.repository.ts';
import * as repo from './networks.repository.ts';
import * as orgs from './organizations.repository.ts';
import { requireOrganization } from './networks.service.ts';

type InvitationState = 'open' | 'used' | 'revoked' | 'expired';

function stateOf(i: invitationsRepo.InvitationRow, now: Date): InvitationState {
  if (i.usedAt) return 'used';
  if (i.revokedAt) return 'revoked';
  if (i.expiresAt <= now.toISOString()) return 'expired';
  return 'open';
}

function toDto(i: invitationsRepo.InvitationRow, now: Date) {
  return { id: i.id, roles: i.roles, expiresAt: i.expiresAt, state: stateOf(i, now), createdAt: i.createdAt };
}

/** Create a single-use invitation link; the token is shown once and stored only hashed. */
export async function createInvitation(
  ctx: RequestContext,
  slug: string,
  orgId: string,
  input: z.infer<typeof CreateInvitationRequest>,
) {
  const { network, actor } = await enterNetwork(ctx, slug, P['invitation.manage'], orgId);
  const org = await requireOrganization(ctx, network.id, orgId);
  if (org.status !== 'active') throw conflict();
  const token = newToken();
  const now = ctx.deps.clock.now();
  const row: invitationsRepo.InvitationRow = {
    id: newId(),
    networkId: network.id,
    organizationId: orgId,
    roles: input.roles as invitationsRepo.InvitationRow['roles'],
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.expiresInHours * 3600_000).toISOString(),
    usedAt: null,
    revokedAt: null,
  };
  await inTransaction(ctx, async (trx, audit) => {
    await invitationsRepo.insertInvitation(trx, {
      ...row,
      tokenHash: hashToken(token),
      createdBy: actor.accountId,
      now,
      expiresAt: new Date(row.expiresAt),
    });
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'invitation.create',
      targetType: 'invitation',
      targetId: row.id,
      detail: { organizationId: orgId, roles: row.roles },
    });
  });
  return { ...toDto(row, now), token, url: `${ctx.deps.config.publicUrl}/invite/${token}` };
}

/** An organization's invitations (never their tokens). */
export async function listInvitations(ctx: RequestContext, slug: string, orgId: string) {
  const { network } = await enterNetwork(ctx, slug, P['invitation.manage'], orgId);
  await requireOrganization(ctx, network.id, orgId);
  const now = ctx.deps.clock.now();
  return { invitations: (await invitationsRepo.listInvitations(ctx.deps.database.db, orgId)).map((i) => toDto(i, now)) };
}

/** Revoke an invitation so its link stops working. */
export async function revokeInvitation(ctx: RequestContext, slug: string, orgId: string, invitationId: string): Promise<void> {
  const { network, actor } = await enterNetwork(ctx, slug, P['invitation.manage'], orgId);
  const invitation = await invitationsRepo.findInvitation(ctx.deps.database.db, orgId, invitationId);
  if (!invitation || invitation.networkId !== network.id) throw notFound();
  await inTransaction(ctx, async (trx, audit) => {
    await invitationsRepo.revokeInvitation(trx, invitationId, ctx.deps.clock.now());
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'invitation.revoke',
      targetType: 'invitation',
      targetId: invitationId,
    });
  });
}

/** Look up an open invitation by its token, or fail with invitation_invalid (without saying why). */
async function openInvitation(ctx: RequestContext, token: string) {
  const db = ctx.deps.database.db;
  const invitation = await invitationsRepo.findInvitationByTokenHash(db, hashToken(token));
  if (!invitation || stateOf(invitation, ctx.deps.clock.now()) !== 'open') throw new AppError('invitation_invalid', 410);
  return invitation;
}

/** What the link offers, shown before accepting (no sign-in needed: the token is the secret). */
export async function previewInvitation(ctx: RequestContext, token: string) {
  const invitation = await openInvitation(ctx, token);
  const db = ctx.deps.database.db;
  const network = (await repo.findNetworkById(db, invitation.networkId))!;
  const org = await orgs.findOrganization(db, invitation.networkId, invitation.organizationId);
  return {
    networkName: network.name,
    networkSlug: network.slug,
    organizationName: org?.name ?? '',
    roles: invitation.roles,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Accept an invitation: join as the signed-in person, or create an account. The
 * membership stays pending until vouched for, unless the network needs no vouches
 * or the person is already a vouched member elsewhere in the network.
 */
export async function acceptInvitation(ctx: RequestContext, token: string, input: z.infer<typeof AcceptInvitationRequest>) {
  const invitation = await openInvitation(ctx, token);
  const { deps } = ctx;
  const now = deps.clock.now();
  let sessionToken: string | undefined;
  const vouchesRequired = (await repo.findNetworkById(deps.database.db, invitation.networkId))!.settings.vouchesRequired;

  // Who joins: the signed-in person, an existing account proven by its password, or a new account.
  let joiningAccountId = ctx.actor?.accountId;
  if (!ctx.actor) {
    if (!input.email || !input.password || !input.displayName) {
      // Same detail shape as schema validation errors, so clients mark fields one way.
      const missing = ['email', 'password', 'displayName'].filter((f) => !input[f as keyof typeof input]);
      throw badRequest('validation_failed', { fields: missing.map((f) => ({ path: `/${f}`, message: 'required' })) });
    }
    joiningAccountId = await existingAccountFor(ctx, invitation, input.email, input.password);
  }

  const result = await inTransaction(ctx, async (trx, audit) => {
    const accountId =
      joiningAccountId ??
      (await createAccount(
        deps,
        {
          email: input.email!,
          password: input.password!,
          displayName: input.displayName!,
          language: (input.language ?? ctx.language) as Language,
        },
        trx,
      ));
    if (await repo.findMembershipOf(trx, invitation.organizationId, accountId)) throw conflict('already_member');
    if (!(await invitationsRepo.claimInvitation(trx, invitation.id, accountId, now)))
      throw new AppError('invitation_invalid', 410);
    const trusted = vouchesRequired === 0 || (await repo.hasActiveMembership(trx, invitation.networkId, accountId));
    const membershipId = newId();
    const status: 'active' | 'pending' = trusted ? 'active' : 'pending';
    await repo.insertMembership(trx, {
      id: membershipId,
      networkId: invitation.networkId,
      organizationId: invitation.organizationId,
      accountId,
      roles: invitation.roles,
      status,
      now,
    });
    await audit({
      networkId: invitation.networkId,
      actorId: accountId,
      action: 'membership.create',
      targetType: 'membership',
      targetId: membershipId,
      detail: { invitationId: invitation.id, roles: invitation.roles, status },
    });
    return { accountId, membershipId, status, vouchesNeeded: trusted ? 0 : vouchesRequired };
  });
  await invalidateCaches(deps, { scope: 'account', accountId: result.accountId });
  if (!ctx.actor) sessionToken = await startSession(deps, result.accountId, ctx.clientLabel, 'password');
  return {
    response: { membershipId: result.membershipId, status: result.status, vouchesNeeded: result.vouchesNeeded },
    sessionToken,
  };
}

/**
 * When the email given with an invitation already has an account, the link must not
 * become a way to test emails over and over. With the right password the person
 * simply joins as that account (as if they had signed in first). With a wrong one the
 * link is used up before answering email_taken, so each link answers at most once,
 * just as creating an account with it would. Argon2 runs on both paths (creating an
 * account hashes), so timing does not tell them apart either.
 */
async function existingAccountFor(
  ctx: RequestContext,
  invitation: invitationsRepo.InvitationRow,
  email: string,
  password: string,
): Promise<string | undefined> {
  const { deps } = ctx;
  const existing = await findAccountByEmail(deps.database.db, deps.keyring, email);
  if (!existing) return undefined;
  const account = await checkPassword(deps, email, password);
  if (!account) {
    const usedUp = await inTransaction(ctx, async (trx, audit) => {
      if (!(await invitationsRepo.claimInvitation(trx, invitation.id, null, deps.clock.now()))) return false;
      await audit({
        networkId: invitation.networkId,
        actorId: null,
        action: 'invitation.used_up',
        targetType: 'invitation',
        targetId: invitation.id,
        detail: { reason: 'existing_email_wrong_password' },
      });
      return true;
    });
    throw usedUp ? conflict('email_taken') : new AppError('invitation_invalid', 410);
  }
  // A password session for this account must be one sign-in would allow.
  await assertPasswordSessionAllowed(deps, account);
  return account.id;
}
