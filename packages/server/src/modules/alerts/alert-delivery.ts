import type { Deps } from '../../platform/context.ts';
import { allNetworks } from '../networks/index.ts';
import {
  channelsOf,
  createOutboxWorker,
  type OutboxWorker,
  type OutboxWorkerOptions,
  type PayloadHandler,
} from '../notify/index.ts';
import { codeHash, MAX_ATTEMPTS } from './alert-confirmation.ts';
import { renderAlertMessage, renderConfirmationMessage } from './alert-message.ts';
import * as repo from './alerts.repository.ts';

/** Renders alert outbox rows per subscriber and forgets subscriptions the push service says are gone. */
export function alertPayloadHandler(deps: Deps): PayloadHandler {
  // Network slugs for the rights link; networks are few and slugs rarely change.
  let slugs = new Map<string, string>();
  const slugOf = async (networkId: string) => {
    if (!slugs.has(networkId)) slugs = new Map((await allNetworks(deps.database.db)).map((n) => [n.id, n.slug]));
    return slugs.get(networkId) ?? '';
  };
  return {
    async render(row, payload, recipient) {
      if (payload.type !== 'alert') return undefined;
      const p = payload;
      const sub = await repo.findSubscription(deps.database.db, p.subscriptionId);
      const slug = row.network_id ? await slugOf(row.network_id) : '';
      if (p.kind === 'confirm') {
        // Confirmed, purged or superseded by a newer code meanwhile: this code is no use any more.
        if (
          !sub?.confirmCodeHash ||
          sub.confirmAttempts >= MAX_ATTEMPTS ||
          (sub.confirmExpiresAt ?? '') <= deps.clock.now().toISOString()
        )
          return undefined;
        const code = deps.keyring.decrypt('contact', p.codeEnc);
        if (sub.confirmCodeHash !== codeHash(deps, sub.id, code)) return undefined;
        // A change to a discreet subscription stays discreet until it is confirmed: it may not be theirs.
        const discreet = sub.discreet || (sub.pendingChange?.discreet ?? false);
        return renderConfirmationMessage(
          { code, language: p.language, discreet, channel: row.channel, publicUrl: deps.config.publicUrl, slug },
          recipient,
        );
      }
      // Unsubscribed (or never confirmed) after the alert was queued: send nothing.
      if (!sub?.confirmedAt) return undefined;
      return renderAlertMessage(
        {
          kind: p.kind,
          preset: p.preset,
          category: p.category,
          area: p.area,
          areaName: p.areaName,
          placeName: p.placeName,
          language: p.language,
          discreet: p.discreet,
          publicUrl: deps.config.publicUrl,
          slug,
        },
        recipient,
      );
    },
    async gone(_row, payload) {
      if (payload.type === 'alert') await repo.deleteSubscription(deps.database.db, payload.subscriptionId);
    },
  };
}

/** The outbox worker the server runs: configured channels, alert payloads. Tests override channels and timings. */
export function createAlertOutboxWorker(deps: Deps, overrides: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  return createOutboxWorker(deps, {
    channels: channelsOf(deps),
    handlers: { alert: alertPayloadHandler(deps) },
    ...overrides,
  });
}
