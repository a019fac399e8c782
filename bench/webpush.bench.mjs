// Web Push preparation for 10,000 subscribers (encrypt each payload, attach the VAPID
// Authorization header from the per-origin cache), no network I/O, against payload
// encryption alone (web-push `encrypt`) in the same run. Target: ratio ≥ 0.6.
// Also logs, to stderr, the rate with a freshly signed VAPID JWT per message.
import { createECDH, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';
import webpush from 'web-push';
import { emit, log, round } from './lib/harness.mjs';

register();
const { prepareWebPush, VapidHeaderCache } = await import('../packages/server/src/modules/notify/web-push.channel.ts');

const N = 10_000;
const ORIGINS = [
  'https://fcm.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://web.push.apple.com',
  'https://wns2-by3p.notify.windows.com',
];
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:bench@example.org' };
const subscribers = Array.from({ length: N }, (_, i) => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: `${ORIGINS[i % ORIGINS.length]}/send/${randomBytes(12).toString('base64url')}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
});
const payload = JSON.stringify({
  title: 'Digniin la xaqiijiyay',
  body: 'Weerar guri — agagaarka 44.95, -93.25',
  url: 'https://switchboard.example.org/r/alpha/rights?lang=so',
});

function timeIt(fn) {
  const t0 = performance.now();
  for (const s of subscribers) fn(s);
  return N / ((performance.now() - t0) / 1000);
}

const cache = new VapidHeaderCache(vapid);
const ours = (s) => prepareWebPush(s, payload, cache);
const baseline = (s) => webpush.encrypt(s.keys.p256dh, s.keys.auth, payload, 'aes128gcm');
const perMessageJwt = (s) => webpush.generateRequestDetails(s, payload, { vapidDetails: vapid, TTL: 21600, urgency: 'high' });

// Warm both paths, then alternate rounds so drift on a shared machine hits both alike; keep each one's best.
timeIt(ours);
timeIt(baseline);
let best = { ours: 0, baseline: 0 };
for (let round = 0; round < 3; round++) {
  best = { ours: Math.max(best.ours, timeIt(ours)), baseline: Math.max(best.baseline, timeIt(baseline)) };
}
const fresh =
  N /
  5 /
  ((() => {
    const t0 = performance.now();
    for (const s of subscribers.slice(0, N / 5)) perMessageJwt(s);
    return performance.now() - t0;
  })() /
    1000);
log(`webpush: ours ${round(best.ours)}/s, encryption only ${round(best.baseline)}/s, new JWT per message ${round(fresh)}/s`);
emit({
  bench: 'webpush-prepare',
  subscribers: N,
  ours_per_s: round(best.ours),
  baseline: 'encryption only',
  baseline_per_s: round(best.baseline),
  ratio: round(best.ours / best.baseline, 2),
  new_jwt_per_message_per_s: round(fresh),
});
