/** One message to one recipient, already rendered in the recipient's language. */
export interface OutboundMessage {
  /** Phone number (E.164), email address, or a Web Push subscription as JSON. */
  to: string;
  /** Email subject. */
  subject?: string;
  /** Plain text (SMS body, email text). */
  text: string;
  /** What a push notification shows, and the page it opens. */
  push?: { title: string; body: string; url: string };
}

/** A delivery channel (SMS, email, Web Push…): one adapter per provider behind this interface. */
export interface Channel {
  /** Deliver one message; throws a ChannelError saying whether a retry can help. */
  send(message: OutboundMessage): Promise<void>;
}

/** How a failed send should be treated: retried later, given up, or the recipient is gone for good. */
export type FailureKind = 'retryable' | 'permanent' | 'gone';

/** A failed send. The message never includes the recipient, so it can be stored in outbox.last_error. */
export class ChannelError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** Classify an HTTP status from a provider: 5xx, 408 and 429 are worth retrying, other 4xx are not. */
export function failureForStatus(status: number): FailureKind {
  if (status >= 500 || status === 408 || status === 429) return 'retryable';
  return 'permanent';
}

/** Wrap anything a channel threw (network errors are retryable) as a ChannelError. */
export function asChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new ChannelError('retryable', message.slice(0, 300));
}
