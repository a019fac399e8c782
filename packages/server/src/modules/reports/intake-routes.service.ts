import type { CreateReportRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { enterNetwork } from '../networks/index.ts';
import { submitReport } from './intake.service.ts';
import { REPORTS_POLICY as P } from './reports.policy.ts';

/** A report through the JSON API: anonymous, or from a signed-in member (who then counts as trusted if vouched). */
export async function submitApiReport(ctx: RequestContext, slug: string, report: z.infer<typeof CreateReportRequest>, idempotencyKey: string | undefined) {
  const receipt = await submitReport(ctx.deps, { networkSlug: slug, report, source: 'api', language: ctx.language, idempotencyKey, reporterAccountId: ctx.actor?.accountId });
  return { receiptCode: receipt.receiptCode, language: receipt.language, receivedAt: receipt.receivedAt, created: receipt.created };
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
