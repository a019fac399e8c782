import type { OutboundMessage } from '../../platform/outbox-handler.ts';

export type { OutboundMessage };

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
