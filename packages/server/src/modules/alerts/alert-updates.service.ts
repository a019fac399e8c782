import type { AlertUpdateRequest } from '@switchboard/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enterNetwork, inTransaction } from '../networks/index.ts';
import { addTimelineEvent, findIncident } from '../reports/index.ts';
import { queueAlert } from './alert-queue.ts';
import { ALERTS_POLICY as P } from './alerts.policy.ts';
import * as repo from './alerts.repository.ts';

/** The same update to the same incident within this time is a double send, refused. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * A dispatcher sends a preset update ("still going on", "agents have left", "legal
 * observers on scene") to everyone who got the incident's alert, each in their own
 * language. Only an incident that is verified now and was alerted can have one, so an
 * unverified incident can never reach subscribers this way; "all clear" comes from
 * resolving it. Presets only: free text would reach subscribers untranslated.
 */
export async function sendAlertUpdate(
  ctx: RequestContext,
  slug: string,
  incidentId: string,
  input: z.infer<typeof AlertUpdateRequest>,
) {
  const inNet = await enterNetwork(ctx, slug, P['alert.update']);
  const networkId = inNet.network.id;
  return inTransaction(ctx, async (trx, audit) => {
    const now = ctx.deps.clock.now();
    const incident = await findIncident(trx, ctx.deps.keyring, networkId, incidentId);
    if (!incident) throw notFound();
    if (
      incident.lockAccountId &&
      incident.lockAccountId !== inNet.actor.accountId &&
      incident.lockExpiresAt &&
      incident.lockExpiresAt > now.toISOString()
    ) {
      throw conflict('conflict', { reason: 'locked' });
    }
    const alerts = await repo.listAlertsOfIncident(trx, networkId, incidentId);
    const alerted = alerts.some((a) => a.kind === 'verified');
    const cleared = alerts.some((a) => a.kind === 'all_clear');
    if (incident.status !== 'verified' || !alerted || cleared || !incident.cell)
      throw conflict('conflict', { reason: 'not_alerted', status: incident.status });
    const since = new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString();
    if (alerts.some((a) => a.kind === 'update' && a.preset === input.preset && a.createdAt > since))
      throw conflict('conflict', { reason: 'recently_sent' });

    const { alertId, recipients } = await queueAlert(trx, ctx.deps, { ...incident, cell: incident.cell }, 'update', input.preset);
    await addTimelineEvent(trx, {
      id: newId(),
      incidentId,
      networkId,
      kind: 'alert_update',
      actorId: inNet.actor.accountId,
      detail: { preset: input.preset, recipients },
      now: now.toISOString(),
    });
    await audit({
      networkId,
      actorId: inNet.actor.accountId,
      action: 'alert.update',
      targetType: 'incident',
      targetId: incidentId,
      detail: { preset: input.preset, recipients },
    });
    return { alertId, recipients };
  });
}
