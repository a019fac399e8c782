import webpush from 'web-push';
import { ChannelError, failureForStatus, type Channel, type OutboundMessage } from './channel.ts';

/** VAPID key pair and contact (config.vapid). */
export interface VapidSettings {
  publicKey: string;
  privateKey: string;
  /** mailto: or https: contact the push service can reach. */
  subject: string;
}

/** A browser's push subscription as the Push API gives it. */
export interface PushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A push request ready to go on the wire. */
export interface PreparedPush {
  endpoint: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * VAPID Authorization headers, one per push-service origin (the JWT's audience), reused
 * for some minutes. Signing an ES256 JWT per message costs more than encrypting the
 * payload; a push service accepts the same token until it expires (≤ 24 h).
 */
export class VapidHeaderCache {
  private readonly byOrigin = new Map<string, { header: string; renewAt: number }>();
  private readonly reuseMs: number;
  private readonly tokenSeconds: number;
  private readonly now: () => number;

  constructor(
    private readonly vapid: VapidSettings,
    /** reuseMs: how long one header is reused; tokenSeconds: the JWT lifetime (must outlast reuse); now: wall clock in ms. */
    options: { reuseMs?: number; tokenSeconds?: number; now?: () => number } = {},
  ) {
    this.reuseMs = options.reuseMs ?? 10 * 60_000;
    this.tokenSeconds = options.tokenSeconds ?? 12 * 3600;
    this.now = options.now ?? Date.now;
  }

  /** The Authorization header for a subscription endpoint. */
  authorization(endpoint: string): string {
    const origin = new URL(endpoint).origin;
    const now = this.now();
    const cached = this.byOrigin.get(origin);
    if (cached && cached.renewAt > now) return cached.header;
    const expiration = Math.floor(now / 1000) + this.tokenSeconds;
    const { Authorization } = webpush.getVapidHeaders(
      origin,
      this.vapid.subject,
      this.vapid.publicKey,
      this.vapid.privateKey,
      'aes128gcm',
      expiration,
    ) as { Authorization: string };
    // A handful of push services exist; a bound keeps a flood of odd endpoints from growing the map.
    if (this.byOrigin.size > 1000) this.byOrigin.clear();
    this.byOrigin.set(origin, { header: Authorization, renewAt: now + this.reuseMs });
    return Authorization;
  }
}

/** Encrypt a payload for one subscription (RFC 8291, aes128gcm) and attach the cached VAPID header. No I/O. */
export function prepareWebPush(
  subscription: PushSubscription,
  payload: string,
  vapid: VapidHeaderCache,
  options: { ttlSeconds?: number; urgency?: string } = {},
): PreparedPush {
  const { cipherText } = webpush.encrypt(subscription.keys.p256dh, subscription.keys.auth, payload, 'aes128gcm');
  return {
    endpoint: subscription.endpoint,
    headers: {
      authorization: vapid.authorization(subscription.endpoint),
      ttl: String(options.ttlSeconds ?? 6 * 3600),
      urgency: options.urgency ?? 'high',
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
    },
    body: cipherText,
  };
}

/**
 * Web Push with VAPID. `to` is the subscription JSON. 404/410 mean the browser dropped
 * the subscription: the error is 'gone' so the caller deletes it. Plain-http endpoints are
 * refused unless allowHttp (local development and tests): subscribers choose the URL.
 */
export function webPushChannel(
  vapid: VapidSettings,
  options: { allowHttp?: boolean; timeoutMs?: number; cache?: VapidHeaderCache } = {},
): Channel {
  const cache = options.cache ?? new VapidHeaderCache(vapid);
  return {
    async send(message: OutboundMessage) {
      let subscription: PushSubscription;
      try {
        subscription = JSON.parse(message.to) as PushSubscription;
        const protocol = new URL(subscription.endpoint).protocol;
        if (protocol !== 'https:' && !(options.allowHttp && protocol === 'http:')) throw new Error('scheme');
      } catch {
        throw new ChannelError('permanent', 'web-push: unusable subscription');
      }
      const payload = JSON.stringify(message.push ?? { title: message.subject ?? '', body: message.text, url: '' });
      let prepared: PreparedPush;
      try {
        prepared = prepareWebPush(subscription, payload, cache);
      } catch {
        throw new ChannelError('permanent', 'web-push: bad subscription keys');
      }
      let res: Response;
      try {
        res = await fetch(prepared.endpoint, {
          method: 'POST',
          headers: prepared.headers,
          body: new Uint8Array(prepared.body),
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (err) {
        throw new ChannelError('retryable', `web-push: ${(err as Error).name}`);
      }
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return;
      if (res.status === 404 || res.status === 410) throw new ChannelError('gone', `web-push: HTTP ${res.status}`);
      throw new ChannelError(failureForStatus(res.status), `web-push: HTTP ${res.status}`);
    },
  };
}
