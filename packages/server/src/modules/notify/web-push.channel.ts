import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import webpush from 'web-push';
import { type ResolveHost, systemResolveHost } from '../../platform/net/resolve-host.ts';
import { ChannelError, failureForStatus, type Channel, type OutboundMessage } from './channel.ts';
import { checkPushEndpoint, PushEndpointRefused, type PushEndpointPolicy } from './push-endpoint-policy.ts';

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

/** How the channel may reach push services: which endpoints, and how host names are resolved. */
export interface WebPushReach {
  policy: PushEndpointPolicy;
  resolveHost?: ResolveHost;
}

/**
 * Web Push with VAPID. `to` is the subscription JSON. 404/410 mean the browser dropped
 * the subscription: the error is 'gone' so the caller deletes it. Subscribers choose the
 * URL, so it is checked again here, after resolving its host (DNS may have changed since
 * the subscribe), and the connection goes to the very address that was checked.
 */
export function webPushChannel(
  vapid: VapidSettings,
  reach: WebPushReach,
  options: { timeoutMs?: number; cache?: VapidHeaderCache } = {},
): Channel {
  const cache = options.cache ?? new VapidHeaderCache(vapid);
  const resolveHost = reach.resolveHost ?? systemResolveHost;
  return {
    async send(message: OutboundMessage) {
      let subscription: PushSubscription;
      try {
        subscription = JSON.parse(message.to) as PushSubscription;
        new URL(subscription.endpoint);
      } catch {
        throw new ChannelError('permanent', 'web-push: unusable subscription');
      }
      let addresses: string[];
      try {
        addresses = await checkPushEndpoint(subscription.endpoint, reach.policy, resolveHost);
      } catch (err) {
        const reason = err instanceof PushEndpointRefused ? err.reason : 'unresolvable';
        // A name that does not resolve now may resolve later; a refused one stays refused.
        throw new ChannelError(reason === 'unresolvable' ? 'retryable' : 'permanent', `web-push: endpoint refused (${reason})`);
      }
      const payload = JSON.stringify(message.push ?? { title: message.subject ?? '', body: message.text, url: '' });
      let prepared: PreparedPush;
      try {
        prepared = prepareWebPush(subscription, payload, cache);
      } catch {
        throw new ChannelError('permanent', 'web-push: bad subscription keys');
      }
      let status: number;
      try {
        status = await postPinned(prepared, addresses[0], options.timeoutMs ?? 15_000);
      } catch (err) {
        throw new ChannelError('retryable', `web-push: ${(err as Error).name}`);
      }
      if (status >= 200 && status < 300) return;
      if (status === 404 || status === 410) throw new ChannelError('gone', `web-push: HTTP ${status}`);
      throw new ChannelError(failureForStatus(status), `web-push: HTTP ${status}`);
    },
  };
}

/**
 * POST a prepared push to one already-checked address. The custom lookup pins the
 * connection to it, so a DNS answer changed between check and connect (rebinding) cannot
 * send it elsewhere; the Host header, TLS SNI and certificate check still use the host name.
 * Redirects are not followed (node:http never does).
 */
function postPinned(prepared: PreparedPush, address: string, timeoutMs: number): Promise<number> {
  const url = new URL(prepared.endpoint);
  const family = isIP(address);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...prepared.headers, 'content-length': String(prepared.body.length) },
        lookup: (_host, opts, done) => {
          if ((opts as { all?: boolean }).all)
            (done as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
          else done(null, address, family);
        },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(prepared.body);
  });
}
