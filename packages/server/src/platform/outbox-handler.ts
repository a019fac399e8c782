import type { OutboxPayload } from '@switchboard/shared';
import type { z } from 'zod';
import type { OutboxTable } from '../db/schema.ts';

/** A parsed outbox payload (packages/shared/src/schemas/outbox.ts). */
export type OutboxPayloadT = z.infer<typeof OutboxPayload>;

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

/** An outbox row as a worker holds it after claiming. */
export type OutboxRow = OutboxTable;

/**
 * Turns one kind of outbox payload (its `type`) into a message, and reacts when the
 * recipient is gone. Each module that queues messages provides one through its face
 * (`outboxHandlers`); the notify module's worker runs them. The contract lives here so
 * module faces can name it without importing notify.
 */
export interface PayloadHandler {
  /** The message for this row and decrypted recipient, or undefined when it should no longer be sent. */
  render(row: OutboxRow, payload: OutboxPayloadT, recipient: string): Promise<OutboundMessage | undefined>;
  /** The channel says the recipient no longer exists (e.g. push 410): forget them. */
  gone?(row: OutboxRow, payload: OutboxPayloadT): Promise<void>;
}
