import type { CreateReportRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { floodProtectionOf } from '../../platform/flood/flood-protection.ts';
import { enterNetwork, hasActiveMembership } from '../networks/index.ts';
import { intakeNetwork, submitReport } from './intake.service.ts';
import { REPORTS_POLICY as P } from './reports.policy.ts';

/** A report through the JSON API: anonymous, or from a signed-in member (who then counts as trusted if vouched). */
export async function submitApiReport(
  ctx: RequestContext,
  slug: string,
  report: z.infer<typeof CreateReportRequest>,
  idempotencyKey: string | undefined,
) {
  await requireChallengeUnderFlood(ctx, slug, report.challenge);
  const receipt = await submitReport(ctx.deps, {
    networkSlug: slug,
    report,
    source: 'api',
    language: ctx.language,
    idempotencyKey,
    reporterAccountId: ctx.actor?.accountId,
  });
  return {
    receiptCode: receipt.receiptCode,
    language: receipt.language,
    receivedAt: receipt.receivedAt,
    created: receipt.created,
  };
}

/**
 * Under a flood, anonymous JSON reports need a solved proof-of-work challenge (as the
 * public form does); vouched members are trusted and skip it.
 */
async function requireChallengeUnderFlood(ctx: RequestContext, slug: string, solution: string | undefined): Promise<void> {
  const network = await intakeNetwork(ctx.deps, slug);
  if (!network) throw notFound();
  const { guard, challenges } = floodProtectionOf(ctx.deps);
  guard.watch(ctx.deps.events, network.id);
  if (!guard.isFlooded(network.id)) return;
  if (ctx.actor && (await hasActiveMembership(ctx.deps.database.db, network.id, ctx.actor.accountId))) return;
  if (!(await challenges.verify(network.id, solution)))
    throw new AppError('challenge_required', 428, { challenge: await challenges.issue(network.id) });
}

/** A dispatcher enters a report while on a call. */
export async function submitPhoneReport(ctx: RequestContext, slug: string, report: z.infer<typeof CreateReportRequest>) {
  await enterNetwork(ctx, slug, P['report.phone_intake']);
  const receipt = await submitReport(ctx.deps, { networkSlug: slug, report, source: 'phone', language: ctx.language });
  return { receiptCode: receipt.receiptCode, language: receipt.language, receivedAt: receipt.receivedAt };
}

/** Authorize a dispatcher's live stream; returns the network id to stream. */
export async function openDispatcherStream(ctx: RequestContext, slug: string): Promise<string> {
  const { network } = await enterNetwork(ctx, slug, P['stream.read']);
  return network.id;
}
