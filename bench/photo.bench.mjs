// Photo intake cost: re-encoding a typical 2 MP phone JPEG (1920×1080, camera noise, phone
// EXIF with GPS and orientation 6) with sharp, as the public form does, against what intake
// does with any photo anyway in the same run (base64 + AES-256-GCM field encryption of the
// same bytes). Two photos in flight, as the server allows. Also how long the event loop was
// held up while re-encoding: sharp works on libuv threads, so it should stay near zero.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { register } from 'tsx/esm/api';
import { emit, log, round, SECONDS } from './lib/harness.mjs';

register();
const { default: sharp } = await import('sharp');
const { reencodePhoto } = await import('../packages/server/src/modules/public-intake/photo.ts');
const { phoneExifTiff } = await import('../packages/server/src/modules/public-intake/photo.fixtures.ts');
const { Keyring } = await import('../packages/server/src/platform/crypto/keyring.ts');

const WIDTH = 1920;
const HEIGHT = 1080;
const IN_FLIGHT = 2;

// Camera-like content: a gradient scene with sensor noise, at a phone's quality setting.
const pixels = await sharp({
  create: { width: WIDTH, height: HEIGHT, channels: 3, noise: { type: 'gaussian', mean: 120, sigma: 40 } },
})
  .blur(1.2)
  .jpeg({ quality: 90 })
  .toBuffer();
const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), phoneExifTiff(6)]);
const app1 = Buffer.alloc(4);
app1.writeUInt16BE(0xffe1, 0);
app1.writeUInt16BE(exif.length + 2, 2);
const photo = Buffer.concat([pixels.subarray(0, 2), app1, exif, pixels.subarray(2)]);
log(`photo: ${WIDTH}×${HEIGHT} JPEG, ${round(photo.length / 1024)} KB`);

const keyring = new Keyring(randomBytes(32));

/** Run `work` with IN_FLIGHT at a time for SECONDS; per-item latencies in ms. */
async function run(name, work) {
  log(`${name}: ${IN_FLIGHT} in flight, ${SECONDS} s`);
  const latencies = [];
  const until = performance.now() + SECONDS * 1000;
  let bytesOut = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      bytesOut = (await work()).length;
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
    bytesOut,
  };
}

const encryptOnly = () => Promise.resolve(Buffer.from(keyring.encrypt('evidence', photo.toString('base64'))));
const reencode = async () => {
  const out = await reencodePhoto(photo);
  keyring.encrypt('evidence', out.bytes.toString('base64'));
  return out.bytes;
};

// Warm both paths (libvips loads its codecs on first use).
await reencode();
await encryptOnly();

const before = await run('encrypt only (before)', encryptOnly);
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const ours = await run('re-encode + encrypt', reencode);
loopDelay.disable();
const after = await run('encrypt only (after)', encryptOnly);
const baseline = (before.perSecond + after.perSecond) / 2;

emit({
  bench: 'photo',
  photo: `${WIDTH}x${HEIGHT} jpeg, ${round(photo.length / 1024)} KB in, ${round(ours.bytesOut / 1024)} KB out`,
  ours_per_s: round(ours.perSecond, 1),
  p50_ms: round(ours.p50, 1),
  p99_ms: round(ours.p99, 1),
  baseline: 'base64 + AES-256-GCM of the same photo, no re-encoding (mean of runs before and after ours)',
  baseline_per_s: round(baseline, 1),
  baseline_p50_ms: round((before.p50 + after.p50) / 2, 2),
  ratio: round(ours.perSecond / baseline, 4),
  loop_delay_p99_ms: round(loopDelay.percentile(99) / 1e6, 1),
  loop_delay_max_ms: round(loopDelay.max / 1e6, 1),
  in_flight: IN_FLIGHT,
  target: 'p50 <= 150 ms per photo, loop delay p99 <= 20 ms',
});
