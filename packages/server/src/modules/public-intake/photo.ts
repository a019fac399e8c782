/**
 * Every shared photo is decoded and drawn again with sharp (libvips), never stored as sent:
 * what survives is pixels, so no metadata segment, trailing file, text chunk or malformed
 * structure can ride along. The type comes from magic bytes, never the file name or the
 * browser's word, and the output keeps the same family (JPEG→JPEG, PNG→PNG, WebP→WebP).
 * Orientation is applied to the pixels (the photo is rotated upright) and then every tag,
 * Orientation included, is dropped. Pixel floods are refused from the header, before decoding.
 */
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../platform/errors.ts';

/** Image types the public form accepts. */
export type PhotoType = 'jpeg' | 'png' | 'webp';

/** Largest photo accepted (bytes). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Largest photo accepted (pixels): a 48 MP phone sensor's binned output is 12 MP; 40 MP leaves room, 20k×20k does not. */
export const MAX_PHOTO_PIXELS = 40_000_000;

// Two cores: one libvips thread per image, and at most two images at once, so photo work
// never takes the whole libuv pool that file and crypto calls (scrypt) also need.
sharp.concurrency(1);
// One-shot images: nothing to gain from libvips' operation cache, only memory held.
sharp.cache(false);
const MAX_AT_ONCE = 2;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Which accepted image type the bytes are, by their magic numbers. */
export function sniffPhotoType(bytes: Buffer): PhotoType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  return undefined;
}

/** 400 photo_unreadable: not a JPEG, PNG or WebP that decodes cleanly. */
export const photoUnreadable = () =>
  new AppError('photo_unreadable', 400, { fields: [{ path: '/photo', message: 'unreadable' }] });
/** 400 photo_too_large: more pixels than MAX_PHOTO_PIXELS. */
export const photoTooLarge = () =>
  new AppError('photo_too_large', 400, { fields: [{ path: '/photo', message: `over ${MAX_PHOTO_PIXELS} pixels` }] });

let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * The photo decoded, turned upright and encoded again with no metadata at all.
 * Throws AppError photo_unreadable or photo_too_large; runs on libuv threads, off the event loop.
 */
export function reencodePhoto(bytes: Buffer): Promise<{ type: PhotoType; bytes: Buffer }> {
  const type = sniffPhotoType(bytes);
  if (!type) return Promise.reject(photoUnreadable());
  return limited(async () => {
    // failOn 'warning' (libvips' strictest): a truncated or corrupt file is refused, not half-drawn.
    const input = () => sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'warning', animated: false });
    let meta: Metadata;
    try {
      // Reads the header only: a pixel flood is refused before a byte of it is decoded.
      meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      throw photoUnreadable();
    }
    if (meta.format !== type) throw photoUnreadable();
    if (!meta.width || !meta.height) throw photoUnreadable();
    if (meta.width * meta.height > MAX_PHOTO_PIXELS) throw photoTooLarge();
    const pipeline = input().rotate();
    try {
      const out =
        type === 'jpeg'
          ? pipeline.jpeg({ quality: 82, chromaSubsampling: '4:2:0' })
          : type === 'png'
            ? pipeline.png({ compressionLevel: 6 })
            : pipeline.webp({ quality: 80 });
      return { type, bytes: await out.toBuffer() };
    } catch (err) {
      if (err instanceof Error && /pixel limit/i.test(err.message)) throw photoTooLarge();
      throw photoUnreadable();
    }
  });
}
