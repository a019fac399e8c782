/** What other modules may use from notify: channels, the outbox and its worker. */
import type { Config } from '../../config.ts';
import type { Channel } from './channel.ts';
import { smtpEmailChannel } from './smtp-email.channel.ts';
import { twilioSmsChannel } from './twilio-sms.channel.ts';
import { webPushChannel } from './web-push.channel.ts';

export { ChannelError, type Channel, type OutboundMessage } from './channel.ts';
export { insertOutboxRows, countByStatus, type NewOutboxRow, type OutboxRow } from './outbox.repository.ts';
export {
  createOutboxWorker,
  retryDelayMs,
  type OutboxWorker,
  type OutboxWorkerOptions,
  type PayloadHandler,
} from './outbox.worker.ts';
export { twilioSmsChannel } from './twilio-sms.channel.ts';
export { smtpEmailChannel } from './smtp-email.channel.ts';
export { webPushChannel, prepareWebPush, VapidHeaderCache } from './web-push.channel.ts';

/** The channels this deployment has configured (push, sms, email); absent ones are simply missing. */
export function channelsFromConfig(config: Config): Partial<Record<'push' | 'sms' | 'email', Channel>> {
  return {
    ...(config.twilio ? { sms: twilioSmsChannel(config.twilio) } : {}),
    ...(config.smtp ? { email: smtpEmailChannel(config.smtp) } : {}),
    // Plain-http push endpoints only when the server itself runs on http (development).
    ...(config.vapid ? { push: webPushChannel(config.vapid, { allowHttp: config.publicUrl.startsWith('http://') }) } : {}),
  };
}
