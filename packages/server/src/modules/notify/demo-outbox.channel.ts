import type { DemoOutbox } from '../../platform/demo-outbox.ts';
import type { Channel, OutboundMessage } from './channel.ts';

/** Email or SMS "sent" into the demo's in-memory outbox instead of a provider (demo-start only). */
export function demoOutboxChannel(outbox: DemoOutbox, channel: 'email' | 'sms'): Channel {
  return {
    async send(message: OutboundMessage) {
      outbox.record(channel, message);
    },
  };
}
