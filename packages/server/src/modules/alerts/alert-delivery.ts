import type { Deps } from '../../platform/context.ts';
import { withNetworkSettings } from '../networks/index.ts';
import { channelsFromConfig, createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions, type PayloadHandler } from '../notify/index.ts';
import { renderAlertMessage } from './alert-message.ts';
import * as repo from './alerts.repository.ts';

/** The outbox payload alert-queue writes for each subscriber. */
interface AlertPayload {
  type: 'alert';
  kind: 'verified' | 'update' | 'all_clear';
  category: string;
  area: string;
  language: string;
  discreet: boolean;
  subscriptionId: string;
}

/** Renders alert outbox rows per subscriber and forgets subscriptions the push service says are gone. */
export function alertPayloadHandler(deps: Deps): PayloadHandler {
  // Network slugs for the rights link; networks are few and slugs rarely change.
  let slugs = new Map<string, string>();
  const slugOf = async (networkId: string) => {
    if (!slugs.has(networkId)) slugs = new Map((await withNetworkSettings(deps.database.db)).map((n) => [n.id, n.slug]));
    return slugs.get(networkId) ?? '';
  };
  return {
    async render(row, payload, recipient) {
      const p = payload as unknown as AlertPayload;
      // Unsubscribed after the alert was queued: send nothing.
      if (!(await repo.subscriptionExists(deps.database.db, p.subscriptionId))) return undefined;
      const slug = row.network_id ? await slugOf(row.network_id) : '';
      return renderAlertMessage({ kind: p.kind, category: p.category, area: p.area, language: p.language, discreet: p.discreet, publicUrl: deps.config.publicUrl, slug }, recipient);
    },
    async gone(_row, payload) {
      await repo.deleteSubscription(deps.database.db, (payload as unknown as AlertPayload).subscriptionId);
    },
  };
}

/** The outbox worker the server runs: configured channels, alert payloads. Tests override channels and timings. */
export function createAlertOutboxWorker(deps: Deps, overrides: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  return createOutboxWorker(deps, { channels: channelsFromConfig(deps.config), handlers: { alert: alertPayloadHandler(deps) }, ...overrides });
}
