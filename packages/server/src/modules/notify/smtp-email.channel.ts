import nodemailer from 'nodemailer';
import { ChannelError, type Channel, type OutboundMessage } from './channel.ts';

/** SMTP settings (config.smtp). */
export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  /** Sender address. */
  from: string;
}

/** Email through any SMTP server with nodemailer. 4xx SMTP replies are transient, 5xx permanent. */
export function smtpEmailChannel(settings: SmtpSettings): Channel & { close(): void } {
  const transport = nodemailer.createTransport(settings.url, { from: settings.from });
  return {
    async send(message: OutboundMessage) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject ?? message.text.slice(0, 60),
          text: message.text,
        });
      } catch (err) {
        const e = err as { responseCode?: number; code?: string };
        // 5xx from the server (unknown mailbox, rejected) will not change on retry; network trouble and 4xx may.
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
        throw new ChannelError(permanent ? 'permanent' : 'retryable', `smtp: ${e.responseCode ?? e.code ?? 'error'}`);
      }
    },
    close: () => transport.close(),
  };
}
