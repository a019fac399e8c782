import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { PasskeyRegisterOptionsRequest, PasskeySignInOptionsRequest, PasskeyVerifyRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { Deps, RequestContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './identity.repository.ts';
import * as passkeysRepo from './passkeys.repository.ts';
import * as sessionsRepo from './sessions.repository.ts';
import { hook } from '../../platform/wiring.ts';
import { buildMe, requireActor } from './identity.service.ts';
import { forgetSessionsOf, startSession } from './sessions.ts';

const CHALLENGE_TTL_MS = 5 * 60 * 1000;

function relyingParty(deps: Deps) {
  const url = new URL(deps.config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** Begin registering a passkey for the signed-in person. */
export async function passkeyRegistrationOptions(ctx: RequestContext, input: z.infer<typeof PasskeyRegisterOptionsRequest>) {
  const actor = requireActor(ctx);
  const { deps } = ctx;
  const db = deps.database.db;
  const account = await repo.findAccountById(db, ctx.deps.keyring, actor.accountId);
  if (!account) throw notFound();
  const existing = await passkeysRepo.listPasskeys(db, actor.accountId);
  const options = await generateRegistrationOptions({
    rpName: 'Switchboard',
    rpID: relyingParty(deps).rpID,
    userName: account.email,
    userDisplayName: account.displayName,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
    // Discoverable credentials only: sign-in never lists an account's credentials (see below).
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const challengeId = newId();
  await passkeysRepo.insertChallenge(db, {
    id: challengeId,
    challenge: options.challenge,
    purpose: 'register',
    accountId: actor.accountId,
    payload: { name: input.name },
    expiresAt: new Date(deps.clock.now().getTime() + CHALLENGE_TTL_MS),
  });
  return { challengeId, options: options as unknown as Record<string, unknown> };
}

/** Finish registering a passkey. */
export async function verifyPasskeyRegistration(ctx: RequestContext, input: z.infer<typeof PasskeyVerifyRequest>): Promise<void> {
  const actor = requireActor(ctx);
  const { deps } = ctx;
  const db = deps.database.db;
  const challenge = await passkeysRepo.takeChallenge(db, input.challengeId, 'register', deps.clock.now());
  if (!challenge || challenge.accountId !== actor.accountId) throw new AppError('passkey_failed', 400);
  const rp = relyingParty(deps);
  const result = await verifyRegistrationResponse({
    response: input.response as unknown as RegistrationResponseJSON,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified || !result.registrationInfo) throw new AppError('passkey_failed', 400);
  const { credential } = result.registrationInfo;
  await db.transaction().execute(async (trx) => {
    const first = (await passkeysRepo.listPasskeys(trx, actor.accountId)).length === 0;
    await passkeysRepo.insertPasskey(trx, {
      id: newId(),
      accountId: actor.accountId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? [],
      name: String(challenge.payload.name ?? 'Passkey'),
      now: deps.clock.now(),
    });
    // A first passkey, registered in the password session the rule allows once
    // (decision 0003), makes it a passkey session. A further passkey does not: a
    // password session of someone who already had one stays a password session.
    if (first) await sessionsRepo.setSessionAuthMethod(trx, actor.sessionId, 'passkey');
  });
  await forgetSessionsOf(deps, actor.accountId);
}

/**
 * Begin a passkey sign-in. Always discoverable: allowCredentials stays empty even
 * when an email is given, so the answer is the same for every email and reveals
 * nothing about which have accounts or passkeys. (Fake credential ids for unknown
 * emails were the other option, but their number and stability would have to mimic
 * real accounts forever, and they need the key, which is absent while sealed.)
 * Passkeys are registered as discoverable (residentKey required) so this works.
 */
export async function passkeySignInOptions(ctx: RequestContext, _input: z.infer<typeof PasskeySignInOptionsRequest>) {
  const { deps } = ctx;
  const db = deps.database.db;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps).rpID,
    allowCredentials: [],
    userVerification: 'preferred',
  });
  const challengeId = newId();
  await passkeysRepo.insertChallenge(db, {
    id: challengeId,
    challenge: options.challenge,
    purpose: 'sign_in',
    accountId: null,
    payload: {},
    expiresAt: new Date(deps.clock.now().getTime() + CHALLENGE_TTL_MS),
  });
  return { challengeId, options: options as unknown as Record<string, unknown> };
}

/** Finish a passkey sign-in; starts a session. */
export async function verifyPasskeySignIn(ctx: RequestContext, input: z.infer<typeof PasskeyVerifyRequest>) {
  const { deps } = ctx;
  const db = deps.database.db;
  const challenge = await passkeysRepo.takeChallenge(db, input.challengeId, 'sign_in', deps.clock.now());
  const credentialId = typeof input.response.id === 'string' ? input.response.id : '';
  const passkey = credentialId ? await passkeysRepo.findPasskeyByCredentialId(db, credentialId) : undefined;
  if (!challenge || !passkey) throw new AppError('passkey_failed', 401);
  const rp = relyingParty(deps);
  const result = await verifyAuthenticationResponse({
    response: input.response as unknown as AuthenticationResponseJSON,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
      counter: passkey.counter,
      transports: passkey.transports as AuthenticatorTransportFuture[],
    },
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified) throw new AppError('passkey_failed', 401);
  await passkeysRepo.updatePasskeyCounter(db, passkey.id, result.authenticationInfo.newCounter);
  const account = await repo.findAccountById(db, deps.keyring, passkey.accountId);
  if (deps.keyring.sealed && !account?.isDeploymentAdmin) throw new AppError('sealed', 503);
  const token = await startSession(deps, passkey.accountId, ctx.clientLabel, 'passkey');
  return { me: await buildMe(deps, passkey.accountId), token };
}

/** One's own passkeys. */
export async function listMyPasskeys(ctx: RequestContext) {
  const actor = requireActor(ctx);
  const rows = await passkeysRepo.listPasskeys(ctx.deps.database.db, actor.accountId);
  return { passkeys: rows.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt })) };
}

/**
 * Remove one of one's own passkeys. A person whose role requires a passkey cannot
 * remove their last one (last_passkey): that would reopen password sign-in.
 */
export async function deleteMyPasskey(ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  const { database } = ctx.deps;
  const required = await hook(ctx.deps, 'identity.passkeyRequired')(ctx.deps, actor.accountId);
  await database.db.transaction().execute(async (trx) => {
    // Lock the account row so two removals at once cannot both leave none.
    await repo.lockAccount(trx, database.dialect, actor.accountId);
    if (!(await passkeysRepo.deletePasskey(trx, actor.accountId, id))) throw notFound();
    if (required && (await passkeysRepo.listPasskeys(trx, actor.accountId)).length === 0) throw new AppError('last_passkey', 409);
  });
  await forgetSessionsOf(ctx.deps, actor.accountId);
}
