import type { ChangePasswordRequest, Me, SignInRequest, UpdateProfileRequest } from '@switchboard/shared';
import type { z } from 'zod';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { AppError, notFound, unauthenticated } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hook } from '../../platform/wiring.ts';
import * as repo from './identity.repository.ts';
import * as passkeysRepo from './passkeys.repository.ts';
import * as sessionsRepo from './sessions.repository.ts';
import { forgetSessionsOf, startSession } from './sessions.ts';

type MeDto = z.infer<typeof Me>;

/** The signed-in account or 401. */
export function requireActor(ctx: RequestContext) {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}

/**
 * Check an email and password. Unknown email and wrong password both return
 * undefined after the same work (argon2 runs either way), so neither reveals
 * which emails have accounts.
 */
export async function checkPassword(deps: Deps, email: string, password: string): Promise<repo.AccountRow | undefined> {
  const account = await repo.findAccountByEmail(deps.database.db, deps.keyring, email);
  if (!account?.passwordHash) {
    await burnPasswordCheck(password);
    return undefined;
  }
  return (await verifyPassword(account.passwordHash, password)) ? account : undefined;
}

/**
 * Refuse a session started with a password where one is not allowed: while sealed
 * only deployment admins get in (to unseal), and a person required to use a passkey
 * who has registered one must use it. One who has none yet may sign in with a
 * password to register it; the session gate limits that session to doing so.
 */
export async function assertPasswordSessionAllowed(deps: Deps, account: repo.AccountRow): Promise<void> {
  if (deps.keyring.sealed && !account.isDeploymentAdmin) throw new AppError('sealed', 503);
  const passkeys = await passkeysRepo.listPasskeys(deps.database.db, account.id);
  if (passkeys.length > 0 && (await hook(deps, 'identity.passkeyRequired')(deps, account.id))) {
    throw new AppError('passkey_required', 401);
  }
}

/** Email + password sign-in; the same error for an unknown email and a wrong password. */
export async function signIn(ctx: RequestContext, input: z.infer<typeof SignInRequest>): Promise<{ me: MeDto; token: string }> {
  const { deps } = ctx;
  const account = await checkPassword(deps, input.email, input.password);
  // Sealed, only a deployment admin can be found at all (docs/decisions/0015): every other
  // failure is the one clear refusal, so it does not tell whose email is an admin's.
  if (!account) throw deps.keyring.sealed ? new AppError('sealed', 503) : new AppError('invalid_credentials', 401);
  await assertPasswordSessionAllowed(deps, account);
  const token = await startSession(deps, account.id, ctx.clientLabel, 'password');
  // Sealed, the stored email cannot be decrypted: the one just typed (and matched) stands in.
  return { me: await buildMe(deps, account.id, deps.keyring.sealed ? input.email : undefined), token };
}

/** The signed-in person with their networks and memberships. */
export async function getMe(ctx: RequestContext): Promise<MeDto> {
  return buildMe(ctx.deps, requireActor(ctx).accountId);
}

/** Build the Me DTO; the phone number is decrypted only when the server is unsealed. */
export async function buildMe(deps: Deps, accountId: string, typedEmail?: string): Promise<MeDto> {
  const db = deps.database.db;
  const account = await repo.findAccountById(db, deps.keyring, accountId);
  if (!account) throw unauthenticated();
  const phone = account.phoneEnc && !deps.keyring.sealed ? deps.keyring.decrypt('contact', account.phoneEnc) : null;
  return {
    id: account.id,
    email: account.email || (typedEmail ?? ''),
    displayName: account.displayName,
    language: account.language as MeDto['language'],
    languagesSpoken: account.languagesSpoken as MeDto['languagesSpoken'],
    homeArea: account.homeArea,
    notificationChannels: { ...account.notificationChannels, phone },
    isDeploymentAdmin: account.isDeploymentAdmin,
    passkeyRequired: await hook(deps, 'identity.passkeyRequired')(deps, accountId),
    networks: await hook(deps, 'identity.networksOf')(deps, accountId),
  };
}

/** Update one's own profile. The phone number is encrypted before it is stored. */
export async function updateProfile(ctx: RequestContext, input: z.infer<typeof UpdateProfileRequest>): Promise<MeDto> {
  const actor = requireActor(ctx);
  const { keyring } = ctx.deps;
  const channels = input.notificationChannels;
  await repo.updateAccount(ctx.deps.database.db, keyring, actor.accountId, {
    displayName: input.displayName,
    language: input.language,
    languagesSpoken: input.languagesSpoken,
    homeArea: input.homeArea,
    notificationChannels: channels && { email: channels.email, sms: channels.sms, push: channels.push },
    phoneEnc: channels ? (channels.phone ? keyring.encrypt('contact', channels.phone) : null) : undefined,
  });
  // Sessions carry the profile language: requests after this one answer in the new one.
  await forgetSessionsOf(ctx.deps, actor.accountId);
  return buildMe(ctx.deps, actor.accountId);
}

/** Change one's password; every other session ends. */
export async function changePassword(ctx: RequestContext, input: z.infer<typeof ChangePasswordRequest>): Promise<void> {
  const actor = requireActor(ctx);
  const db = ctx.deps.database.db;
  const account = await repo.findAccountById(db, ctx.deps.keyring, actor.accountId);
  if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError('invalid_credentials', 400);
  }
  await repo.updateAccount(db, ctx.deps.keyring, actor.accountId, { passwordHash: await hashPassword(input.newPassword) });
  await sessionsRepo.deleteOtherSessions(db, actor.accountId, actor.sessionId);
  await forgetSessionsOf(ctx.deps, actor.accountId);
}

/** One's own live sessions, marking the current one. */
export async function listMySessions(ctx: RequestContext) {
  const actor = requireActor(ctx);
  const rows = await sessionsRepo.listSessions(ctx.deps.database.db, actor.accountId, ctx.deps.clock.now());
  return {
    sessions: rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      label: s.label,
      current: s.id === actor.sessionId,
    })),
  };
}

/** Revoke one of one's own sessions (others' sessions are invisible: 404). */
export async function revokeSession(ctx: RequestContext, sessionId: string): Promise<void> {
  const actor = requireActor(ctx);
  if (!(await sessionsRepo.deleteSession(ctx.deps.database.db, actor.accountId, sessionId))) throw notFound();
  await forgetSessionsOf(ctx.deps, actor.accountId);
}

/** Create an account (invitation acceptance, CLI, demo seed). */
export async function createAccount(
  deps: Deps,
  input: { email: string; password: string | null; displayName: string; language: string; isDeploymentAdmin?: boolean },
  db = deps.database.db,
): Promise<string> {
  const id = newId();
  await repo.insertAccount(db, deps.keyring, {
    id,
    email: input.email,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    displayName: input.displayName,
    language: input.language,
    isDeploymentAdmin: input.isDeploymentAdmin ?? false,
    now: deps.clock.now(),
  });
  return id;
}
