import type { OutboundMessage } from './outbox-handler.ts';

/** One message the demo would have sent. */
export interface DemoOutboxMessage {
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  /** ISO time it was handed to the sink. */
  sentAt: string;
}

/** How many messages the demo keeps; older ones fall off. */
export const DEMO_OUTBOX_SIZE = 200;

/**
 * The demo's mailbox and SMS sink: email and SMS that a server without SMTP or Twilio
 * would have sent, kept in memory only (they hold contacts, so nothing reaches the disk)
 * and only the newest DEMO_OUTBOX_SIZE. It exists only when `switchboard demo-start`
 * makes one (Deps.demoOutbox); a normal server never has one, so its channels stay missing.
 */
export class DemoOutbox {
  readonly #messages: DemoOutboxMessage[] = [];

  constructor(
    /** Which channels it stands in for (those the demo has no real transport for). */
    readonly channels: ReadonlySet<'email' | 'sms'>,
    private readonly now: () => Date = () => new Date(),
    private readonly size = DEMO_OUTBOX_SIZE,
  ) {}

  /** Keep one message; drops the oldest beyond the size. */
  record(channel: 'email' | 'sms', message: OutboundMessage): void {
    this.#messages.push({
      channel,
      to: message.to,
      // SMS has no subject: the Twilio adapter drops it too.
      subject: channel === 'email' ? (message.subject ?? null) : null,
      text: message.text,
      sentAt: this.now().toISOString(),
    });
    if (this.#messages.length > this.size) this.#messages.splice(0, this.#messages.length - this.size);
  }

  /** The kept messages, newest first. */
  list(): DemoOutboxMessage[] {
    return [...this.#messages].reverse();
  }
}
