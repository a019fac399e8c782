import { ChannelError, failureForStatus, type Channel, type OutboundMessage } from './channel.ts';

/** Twilio account settings (config.twilio). */
export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from: string;
  /** https://api.twilio.com, or a local double in tests. */
  apiBase: string;
}

/**
 * SMS through Twilio's Messages REST API (form-encoded POST, HTTP basic auth with the
 * account SID and auth token). 429 and 5xx are retried; other 4xx (bad number, bad
 * credentials) would fail the same way again, so they are permanent.
 */
export function twilioSmsChannel(settings: TwilioSettings, options: { timeoutMs?: number } = {}): Channel {
  const url = `${settings.apiBase.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    async send(message: OutboundMessage) {
      const body = new URLSearchParams({ To: message.to, From: settings.from, Body: message.text });
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (err) {
        throw new ChannelError('retryable', `twilio: ${(err as Error).name}`);
      }
      if (res.ok) {
        await res.arrayBuffer();
        return;
      }
      // Twilio's error body carries a numeric code (e.g. 21211 invalid number); keep only that.
      const detail = (await res.json().catch(() => ({}))) as { code?: number };
      throw new ChannelError(
        failureForStatus(res.status),
        `twilio: HTTP ${res.status}${detail.code ? ` code ${detail.code}` : ''}`,
      );
    },
  };
}
