import type { Deps } from '../../platform/context.ts';
import { activeMemberships } from '../../platform/access/access.ts';
import { notFound } from '../../platform/errors.ts';
import type { FallbackQuestion, PowChallenge } from '../../platform/flood/challenge.ts';
import { floodProtectionOf } from '../../platform/flood/flood-protection.ts';
import { hook } from '../../platform/wiring.ts';
import { accessOf, networkBySlug, type NetworkRow } from '../networks/index.ts';
import { locate } from '../places/index.ts';
import { fileReport, type IntakeInput, type Receipt } from './intake.service.ts';
import { drainSealedIntake, holdSealed, type DoorInput, type DrainResult } from './sealed-intake.service.ts';

/** What a reporter under flood must solve: a proof of work, and a question for pages without JavaScript. */
export interface IntakeChallenge {
  pow: PowChallenge;
  question: FallbackQuestion;
}

/** A proof offered under flood: a solved proof of work, or the typed answer to the fallback question. */
export interface IntakeProof {
  pow?: string;
  fallback?: { token?: string; answer?: string };
}

/**
 * One network's intake, as every door (public form, JSON API, SMS, a dispatcher on the
 * phone) sees it: the network, whether it is flooded, the challenge, and filing.
 */
export interface IntakeDoor {
  network: NetworkRow;
  /** Whether anonymous reports must pass a challenge right now (counted over every door and process). */
  flooded(): boolean;
  /** A fresh challenge while flooded; undefined otherwise. */
  challenge(): Promise<IntakeChallenge | undefined>;
  /** Whether a proof passes (always, when not flooded). A proof is spent by passing. */
  passes(proof: IntakeProof): Promise<boolean>;
  /** Whether a signed-in reporter is a vouched member (trusted: skips the challenge, weighs more). */
  trusts(accountId: string | undefined): Promise<boolean>;
  /**
   * File a report; resolves once it is on disk. While sealed it is held instead, sealed to
   * the intake public key, and filed on unseal under the same receipt (sealed-intake.service.ts).
   */
  submit(input: DoorInput): Promise<Receipt>;
}

/**
 * Open intake for a network by slug (404 when there is none). The network comes from the
 * access cache, so a surge on one network looks it up once, and settings changes apply at once.
 */
export async function openIntake(deps: Deps, slug: string): Promise<IntakeDoor> {
  const network = await networkBySlug(deps, slug);
  if (!network) throw notFound();
  const { guard, challenges } = floodProtectionOf(deps);
  guard.watch(deps.events, network.id);
  const trusts = trustsIn(deps, network.id);
  return {
    network,
    flooded: () => guard.isFlooded(network.id),
    challenge: async () =>
      guard.isFlooded(network.id)
        ? { pow: await challenges.issue(network.id), question: challenges.question(network.id) }
        : undefined,
    passes: async (proof) =>
      !guard.isFlooded(network.id) ||
      (await challenges.verify(network.id, proof.pow)) ||
      (proof.fallback !== undefined && challenges.checkAnswer(network.id, proof.fallback.token, proof.fallback.answer)),
    trusts,
    submit: async (input) => {
      // Sealed: nothing can be encrypted under the field keys; hold it, sealed to the intake key.
      if (deps.keyring.sealed) {
        const receipt = await holdSealed(deps, network, input);
        // Held reports publish no event until filed: count them here, so a flood still shows.
        if (receipt.created) guard.record(network.id);
        return receipt;
      }
      return fileReport(deps, network, await prepare(deps, network, input, trusts));
    },
  };
}

/** Whether a signed-in reporter is a vouched member of the network. */
const trustsIn = (deps: Deps, networkId: string) => async (accountId: string | undefined) =>
  accountId ? activeMemberships(await accessOf(deps, accountId, networkId)).length > 0 : false;

/** Place a report and weigh its reporter, as every door does before filing. */
async function prepare(
  deps: Deps,
  network: NetworkRow,
  input: DoorInput & Pick<IntakeInput, 'held'>,
  trusts: (accountId: string | undefined) => Promise<boolean>,
): Promise<IntakeInput> {
  const { report } = input;
  // Every door places the report before it is filed: a typed corner is as dispatchable as GPS.
  const located = await locate(deps, network.id, {
    point: report.point,
    locationText: report.locationText,
    message: input.needsStructuring ? report.description : undefined,
    language: input.language,
  });
  return { ...input, located, trusted: await trusts(input.reporterAccountId) };
}

/**
 * File the reports held while sealed through the normal intake (on unseal, or at a start
 * with the key): in arrival order, in groups, each held row deleted with its report.
 */
export function fileHeldReports(deps: Deps): Promise<DrainResult> {
  return drainSealedIntake(deps, async (network, input, held) => {
    // The blocklist could not be read while sealed (its hash is keyed): it applies now.
    if (input.source === 'sms' && input.report.contact) {
      if (await hook(deps, 'reports.smsSenderBlocked')(deps, network.id, input.report.contact)) return 'sender_blocked';
      // A STOP or YES sent while sealed was an answer to an alert subscription, not a report.
      if (await hook(deps, 'reports.smsAlertReply')(deps, network.id, input.report.contact, input.report.description ?? ''))
        return 'alert_reply';
    }
    const prepared = await prepare(deps, network, { ...input, held }, trustsIn(deps, network.id));
    return () => fileReport(deps, network, prepared);
  });
}

/** File a report by network slug (the JSON API and tests; the doors open intake themselves). */
export async function submitReport(
  deps: Deps,
  input: Omit<IntakeInput, 'networkId' | 'trusted' | 'located'> & { networkSlug: string },
) {
  const { networkSlug, ...rest } = input;
  return (await openIntake(deps, networkSlug)).submit(rest);
}
