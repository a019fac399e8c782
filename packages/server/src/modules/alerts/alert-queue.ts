import type { ALERT_UPDATE_PRESETS } from '@switchboard/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/context.ts';
import { afterCommit } from '../../platform/after-commit.ts';
import { newId } from '../../platform/ids.ts';
import { insertOutboxRows } from '../notify/index.ts';
import type { IncidentStatusChange } from '../reports/index.ts';
import * as repo from './alerts.repository.ts';

/** A preset update a dispatcher can send. */
export type AlertUpdatePreset = (typeof ALERT_UPDATE_PRESETS)[number];

/** What an incident must offer to be alerted on. */
export interface AlertableIncident {
  id: string;
  networkId: string;
  status: string;
  category: IncidentStatusChange['incident']['category'];
  cell: string | null;
  areaName?: string | null;
  placeName?: string | null;
}

/** Which alert a status change sends, if any. Unverified incidents never alert. */
export function alertKindFor(previous: string, next: string): 'verified' | 'all_clear' | undefined {
  if (next === 'verified' && previous !== 'verified') return 'verified';
  // "All clear" only follows an alert that went out.
  if (next === 'resolved' && previous === 'verified') return 'all_clear';
  return undefined;
}

/**
 * Inside the status change's transaction: record the alert and put one outbox row per
 * subscriber whose areas cover the incident, so a crash after commit loses none. The
 * text is rendered per subscriber (language, discreet mode) when the outbox sends.
 */
export async function queueAlertsForStatusChange(deps: Deps, change: IncidentStatusChange): Promise<void> {
  const { trx, incident, previousStatus } = change;
  const kind = alertKindFor(previousStatus, incident.status);
  if (!kind || !incident.cell) return;
  await queueAlert(trx, deps, { ...incident, cell: incident.cell }, kind, null);
}

/**
 * Record one alert of an incident and queue it for every confirmed subscriber of its
 * area (an SMS or email subscription waiting for its code receives nothing), in the
 * caller's transaction. Live pages hear of it once that commits.
 */
export async function queueAlert(
  trx: Transaction<DB>,
  deps: Deps,
  incident: AlertableIncident & { cell: string },
  kind: 'verified' | 'update' | 'all_clear',
  preset: AlertUpdatePreset | null,
): Promise<{ alertId: string; recipients: number }> {
  const now = deps.clock.now().toISOString();
  const subscribers = await repo.listConfirmedSubscribersOfCell(trx, incident.networkId, incident.cell);
  const alertId = newId();
  await repo.insertAlert(trx, {
    id: alertId,
    networkId: incident.networkId,
    incidentId: incident.id,
    kind,
    preset,
    cell: incident.cell,
    areaName: incident.areaName ?? null,
    placeName: incident.placeName ?? null,
    category: incident.category,
    recipients: subscribers.length,
    now,
  });
  // Already encrypted with the contact key: copied as is, never decrypted here.
  await insertOutboxRows(
    trx,
    deps.keyring,
    subscribers.map((s) => ({
      id: newId(),
      networkId: incident.networkId,
      channel: s.channel,
      recipientEnc: s.endpointEnc,
      payload: {
        type: 'alert',
        alertId,
        kind,
        preset,
        category: incident.category,
        area: incident.cell,
        areaName: incident.areaName ?? null,
        placeName: incident.placeName ?? null,
        incidentId: incident.id,
        language: s.language,
        discreet: s.discreet,
        subscriptionId: s.id,
      },
      dedupeKey: `alert:${alertId}:${s.id}`,
      now,
    })),
  );
  // Live pages hear of it only once it is committed: an alert that rolled back never existed.
  afterCommit(trx, () =>
    deps.events.publish({
      type: 'alert.published',
      networkId: incident.networkId,
      data: {
        alert: {
          id: alertId,
          incidentId: incident.id,
          kind,
          preset,
          category: incident.category,
          area: incident.cell,
          areaName: incident.areaName ?? null,
          placeName: incident.placeName ?? null,
          createdAt: now,
        },
      },
    }),
  );
  return { alertId, recipients: subscribers.length };
}
