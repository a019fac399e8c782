import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A browser's push subscription as the Push API would hand it to the page. */
export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** One push the service accepted, decrypted with the subscription's private key. */
export interface ReceivedPush {
  subscriptionId: string;
  /** The decrypted payload (UTF-8). */
  payload: string;
  /** Claims of the VAPID JWT that authorized it. */
  vapid: { aud: string; exp: number; sub: string; k: string };
  headers: Record<string, string | string[] | undefined>;
}

/** A local push service: it mints subscriptions, verifies VAPID and decrypts aes128gcm as a browser would. */
export interface PushServiceDouble {
  origin: string;
  /** Make a new browser subscription (fresh P-256 key pair and 16-byte auth secret). */
  subscribe(): { id: string; subscription: TestSubscription };
  received: ReceivedPush[];
  /** Requests refused because VAPID or the payload did not check out, with the reason. */
  refused: string[];
  /** Answer pushes to this subscription with a status from now on (410 = unsubscribed in the browser). */
  setStatus(id: string, status: number): void;
  /** Answer the next `n` pushes (to anyone) with this status. */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 / RFC 8188 decryption of one aes128gcm record with the user agent's keys. */
export function decryptAes128gcm(body: Buffer, ua: ECDH, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLen = body[20];
  const asPublic = body.subarray(21, 21 + idLen);
  const ciphertext = body.subarray(21 + idLen);
  if (idLen !== 65 || ciphertext.length > recordSize) throw new Error('bad aes128gcm header');
  const uaPublic = ua.getPublicKey();
  const ecdhSecret = ua.computeSecret(asPublic);
  const prkKey = hmac(authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // Last record: content, then the 0x02 delimiter, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('bad padding delimiter');
  return padded.subarray(0, end);
}

/** Check a `vapid t=…, k=…` header: ES256 signature by k, audience = this origin, expiry within 24 h. */
function checkVapid(header: string | undefined, origin: string): ReceivedPush['vapid'] {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/.exec(header ?? '');
  if (!m) throw new Error('no vapid authorization');
  const [h, p, s] = m[1].split('.');
  const k = Buffer.from(m[2], 'base64url');
  if (k.length !== 65 || k[0] !== 4) throw new Error('bad vapid key');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: k.subarray(1, 33).toString('base64url'), y: k.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  if (!ok) throw new Error('bad vapid signature');
  if (JSON.parse(Buffer.from(h, 'base64url').toString()).alg !== 'ES256') throw new Error('bad vapid alg');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  const now = Date.now() / 1000;
  if (claims.aud !== origin) throw new Error(`bad vapid audience ${claims.aud}`);
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error('bad vapid expiry');
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error('bad vapid subject');
  return { ...claims, k: m[2] };
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * Start the push service on 127.0.0.1. With a hostname, its endpoints (and the VAPID audience it
 * expects) name that host instead, as a real push service's do; the test's resolver maps it here.
 */
export async function startPushServiceDouble(options: { hostname?: string } = {}): Promise<PushServiceDouble> {
  const subs = new Map<string, { ecdh: ECDH; auth: Buffer; status: number }>();
  const received: ReceivedPush[] = [];
  const refused: string[] = [];
  let failures = { n: 0, status: 500 };
  let origin = '';
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    const sub = id ? subs.get(id) : undefined;
    const answer = (status: number) => {
      res.writeHead(status);
      res.end();
    };
    if (req.method !== 'POST' || !id || !sub) return answer(404);
    if (sub.status !== 201) return answer(sub.status);
    if (failures.n > 0) {
      failures = { ...failures, n: failures.n - 1 };
      return answer(failures.status);
    }
    try {
      const vapid = checkVapid(req.headers.authorization, origin);
      if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('bad content-encoding');
      if (!req.headers.ttl) throw new Error('missing TTL');
      const payload = decryptAes128gcm(body, sub.ecdh, sub.auth).toString('utf8');
      received.push({ subscriptionId: id, payload, vapid, headers: req.headers });
      return answer(201);
    } catch (err) {
      refused.push((err as Error).message);
      return answer(403);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://${options.hostname ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    refused,
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomBytes(9).toString('base64url');
      subs.set(id, { ecdh, auth, status: 201 });
      return {
        id,
        subscription: {
          endpoint: `${origin}/push/${id}`,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
      };
    },
    setStatus(id, status) {
      const s = subs.get(id);
      if (s) s.status = status;
    },
    failNext(n, status) {
      failures = { n, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
