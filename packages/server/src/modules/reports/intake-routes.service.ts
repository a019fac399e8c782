import type { CreateReportRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { enterNetwork } from '../networks/index.ts';
import { withCheckedCallback } from './callback-number.ts';
import { openIntake } from './intake-door.ts';
import { REPORTS_POLICY as P } from './reports.policy.ts';

/**
 * A report through the JSON API: anonymous, or from a signed-in member (who then counts as
 * trusted if vouched). Under a flood, anonymous reports need a solved proof of work (as the
 * public form does); vouched members are trusted and skip it.
 */
export async function submitApiReport(
  ctx: RequestContext,
  slug: string,
  report: z.infer<typeof CreateReportRequest>,
  idempotencyKey: string | undefined,
) {
  const door = await openIntake(ctx.deps, slug);
  // Checked before the challenge, so a typo does not spend a solved proof of work.
  const checked = withCheckedCallback(report, door.network);
  const reporterAccountId = ctx.actor?.accountId;
  if (door.flooded() && !(await door.trusts(reporterAccountId)) && !(await door.passes({ pow: report.challenge }))) {
    throw new AppError('challenge_required', 428, { challenge: (await door.challenge())?.pow });
  }
  const receipt = await door.submit({
    report: checked,
    source: 'api',
    language: ctx.language,
    idempotencyKey,
    reporterAccountId,
  });
  return {
    receiptCode: receipt.receiptCode,
    language: receipt.language,
    receivedAt: receipt.receivedAt,
    created: receipt.created,
  };
}

/** A dispatcher enters a report while on a call. */
export async function submitPhoneReport(ctx: RequestContext, slug: string, report: z.infer<typeof CreateReportRequest>) {
  await enterNetwork(ctx, slug, P['report.phone_intake']);
  const door = await openIntake(ctx.deps, slug);
  const receipt = await door.submit({
    report: withCheckedCallback(report, door.network),
    source: 'phone',
    language: ctx.language,
  });
  return { receiptCode: receipt.receiptCode, language: receipt.language, receivedAt: receipt.receivedAt };
}

/** Authorize a dispatcher's live stream; returns the network id to stream. */
export async function openDispatcherStream(ctx: RequestContext, slug: string): Promise<string> {
  const { network } = await enterNetwork(ctx, slug, P['stream.read']);
  return network.id;
}
