/** The notify module's face: delivery channels, the outbox and its worker. */
import type { Config } from '../../config.ts';
import type { SwitchboardModule } from '../../platform/module.ts';
import { NOTIFY_PLAIN_COLUMNS } from './notify.columns.ts';
import type { Deps } from '../../platform/context.ts';
import type { DemoOutbox } from '../../platform/demo-outbox.ts';
import { type ResolveHost, systemResolveHost } from '../../platform/net/resolve-host.ts';
import { checkPushEndpoint, PushEndpointRefused } from './push-endpoint-policy.ts';
import type { Channel } from './channel.ts';
import { demoOutboxChannel } from './demo-outbox.channel.ts';
import { sealOutboxBatch } from './outbox.repository.ts';
import { purgeOutbox } from './outbox-retention.ts';
import { smtpEmailChannel } from './smtp-email.channel.ts';
import { twilioSmsChannel } from './twilio-sms.channel.ts';
import { webPushChannel } from './web-push.channel.ts';

export const notifyModule: SwitchboardModule = {
  name: 'notify',
  tables: ['outbox'],
  encryptedColumns: [
    { table: 'outbox', idColumn: 'id', column: 'recipient_enc', purpose: 'contact' },
    { table: 'outbox', idColumn: 'id', column: 'payload_enc', purpose: 'contact' },
  ],
  plainColumns: NOTIFY_PLAIN_COLUMNS,
  purge: purgeOutbox,
  sealPlaintext: (deps) => sealOutboxBatch(deps.database.db, deps.keyring),
};

export { ChannelError, type Channel, type OutboundMessage } from './channel.ts';
export { countByStatus, insertOutboxRows, type NewOutboxRow, type OutboxRow } from './outbox.repository.ts';
export {
  createOutboxWorker,
  retryDelayMs,
  type OutboxWorker,
  type OutboxWorkerOptions,
  type PayloadHandler,
} from './outbox.worker.ts';
export { smtpEmailChannel } from './smtp-email.channel.ts';
export { twilioSmsChannel } from './twilio-sms.channel.ts';
export { prepareWebPush, VapidHeaderCache, webPushChannel } from './web-push.channel.ts';
export { PushEndpointRefused, type PushEndpointPolicy, type PushEndpointRefusal } from './push-endpoint-policy.ts';

/**
 * Why this deployment would refuse to push to an endpoint a subscriber gave (scheme, host
 * off the allow-list, or an address that is not public), or null when it is fine. The
 * channel checks again at every send: DNS can change after the subscribe.
 */
export async function pushEndpointRefusal(deps: Deps, endpoint: string): Promise<PushEndpointRefused | null> {
  try {
    await checkPushEndpoint(endpoint, deps.config.pushEndpoints, deps.resolveHost ?? systemResolveHost);
    return null;
  } catch (err) {
    if (err instanceof PushEndpointRefused) return err;
    throw err;
  }
}

/**
 * The channels this deployment has configured (push, sms, email); absent ones are simply missing.
 * With the demo's outbox (demo-start only), email and SMS that have no real transport go to it.
 */
export function channelsFromConfig(
  config: Config,
  demoOutbox?: DemoOutbox,
  resolveHost?: ResolveHost,
): Partial<Record<'push' | 'sms' | 'email', Channel>> {
  return {
    ...(demoOutbox?.channels.has('sms') ? { sms: demoOutboxChannel(demoOutbox, 'sms') } : {}),
    ...(demoOutbox?.channels.has('email') ? { email: demoOutboxChannel(demoOutbox, 'email') } : {}),
    ...(config.twilio ? { sms: twilioSmsChannel(config.twilio) } : {}),
    ...(config.smtp ? { email: smtpEmailChannel(config.smtp) } : {}),
    ...(config.vapid ? { push: webPushChannel(config.vapid, { policy: config.pushEndpoints, resolveHost }) } : {}),
  };
}

/** The channels a server built from these deps can deliver on. */
export function channelsOf(deps: Deps): Partial<Record<'push' | 'sms' | 'email', Channel>> {
  return channelsFromConfig(deps.config, deps.demoOutbox, deps.resolveHost);
}

/** Whether a channel can deliver here: configured, or (demo-start only) standing in the demo's outbox. */
export function channelAvailable(deps: Deps, channel: 'push' | 'sms' | 'email'): boolean {
  const c = deps.config;
  if (channel === 'push') return !!c.vapid;
  return (channel === 'sms' ? !!c.twilio : !!c.smtp) || !!deps.demoOutbox?.channels.has(channel);
}
