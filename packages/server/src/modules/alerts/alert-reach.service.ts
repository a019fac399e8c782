import { ALERT_CHANNELS } from '@switchboard/shared';
import type { RequestContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { enterNetwork } from '../networks/index.ts';
import { findIncident } from '../reports/index.ts';
import { ALERTS_POLICY as P } from './alerts.policy.ts';
import * as repo from './alerts.repository.ts';

/**
 * How many subscribers an incident's alert goes to, by channel, so the dispatcher who
 * verified it knows who was told. Counts of the confirmed subscribers of the incident's area
 * (the one cell every alert of it goes to); no contact is read or returned.
 */
export async function alertReach(ctx: RequestContext, slug: string, incidentId: string) {
  const { network } = await enterNetwork(ctx, slug, P['alert.reach']);
  const db = ctx.deps.database.db;
  const incident = await findIncident(db, ctx.deps.keyring, network.id, incidentId);
  if (!incident) throw notFound();
  const [alerts, counts] = await Promise.all([
    repo.listAlertsOfIncident(db, network.id, incidentId),
    incident.cell ? repo.countConfirmedSubscribersOfCell(db, network.id, incident.cell) : new Map<string, number>(),
  ]);
  const byChannel = Object.fromEntries(ALERT_CHANNELS.map((c) => [c, counts.get(c) ?? 0])) as Record<
    (typeof ALERT_CHANNELS)[number],
    number
  >;
  return {
    alerted: alerts.some((a) => a.kind === 'verified'),
    total: ALERT_CHANNELS.reduce((sum, c) => sum + byChannel[c], 0),
    byChannel,
  };
}
