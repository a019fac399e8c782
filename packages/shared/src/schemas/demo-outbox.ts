import { z } from 'zod';
import { Timestamp } from './common.ts';

/** One email or SMS the demo would have sent (demo-start's in-memory outbox). */
export const DemoOutboxMessage = z.object({
  /** email or sms. */
  channel: z.enum(['email', 'sms']),
  /** The address or phone number it was for. */
  to: z.string(),
  /** Email subject; null for SMS. */
  subject: z.string().nullable(),
  /** The text, as the recipient would have read it. */
  text: z.string(),
  /** When it would have been sent. */
  sentAt: Timestamp,
});

/** The demo's outbox, newest first (at most the last 200 messages). */
export const DemoOutboxList = z.object({
  /** Messages, newest first. */
  messages: z.array(DemoOutboxMessage),
});
