/** The notify module's face: delivery channels, the outbox and its worker. */
import type { Config } from '../../config.ts';
import type { SwitchboardModule } from '../../platform/module.ts';
import type { Channel } from './channel.ts';
import { purgeOutbox } from './outbox-retention.ts';
import { smtpEmailChannel } from './smtp-email.channel.ts';
import { twilioSmsChannel } from './twilio-sms.channel.ts';
import { webPushChannel } from './web-push.channel.ts';

export const notifyModule: SwitchboardModule = {
  name: 'notify',
  tables: ['outbox'],
  encryptedColumns: [{ table: 'outbox', idColumn: 'id', column: 'recipient_enc', purpose: 'contact' }],
  purge: purgeOutbox,
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

/** The channels this deployment has configured (push, sms, email); absent ones are simply missing. */
export function channelsFromConfig(config: Config): Partial<Record<'push' | 'sms' | 'email', Channel>> {
  return {
    ...(config.twilio ? { sms: twilioSmsChannel(config.twilio) } : {}),
    ...(config.smtp ? { email: smtpEmailChannel(config.smtp) } : {}),
    // Plain-http push endpoints only when the server itself runs on http (development).
    ...(config.vapid ? { push: webPushChannel(config.vapid, { allowHttp: config.publicUrl.startsWith('http://') }) } : {}),
  };
}
