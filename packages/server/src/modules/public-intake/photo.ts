/**
 * Photo checks without native image libraries (sharp is not installed): the type comes
 * from magic bytes, never the file name or the browser's word, and metadata (EXIF GPS,
 * camera serials, XMP, comments, ICC profiles) is cut out of the container, leaving
 * the pixels untouched. A photo that does not parse cleanly is refused, not stored.
 * The EXIF Orientation is the one thing carried over, in a new EXIF block of its own
 * (photo-orientation.ts), so phone photos still show upright.
 */
import { crc32 } from 'node:zlib';
import { EXIF_HEADER, orientationOnlyTiff, readOrientation } from './photo-orientation.ts';

/** Image types the public form accepts. */
export type PhotoType = 'jpeg' | 'png' | 'webp';

/** Largest photo accepted (bytes). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Which accepted image type the bytes are, by their magic numbers. */
export function sniffPhotoType(bytes: Buffer): PhotoType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  return undefined;
}

/** The photo's type and its bytes with metadata removed; throws on anything malformed. */
export function stripPhotoMetadata(bytes: Buffer): { type: PhotoType; bytes: Buffer } {
  const type = sniffPhotoType(bytes);
  if (type === 'jpeg') return { type, bytes: stripJpeg(bytes) };
  if (type === 'png') return { type, bytes: stripPng(bytes) };
  if (type === 'webp') return { type, bytes: stripWebp(bytes) };
  throw new Error('unsupported image type');
}

/** A JPEG marker segment (marker, 2-byte length, payload). */
function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * JPEG: keep every segment except APP1–APP15 (EXIF, XMP, ICC, maker notes…) and COM.
 * Where the first EXIF segment was, a fresh one holding only the orientation goes back.
 */
function stripJpeg(src: Buffer): Buffer {
  const out: Buffer[] = [src.subarray(0, 2)];
  let exifSeen = false;
  let i = 2;
  while (i < src.length) {
    if (src[i] !== 0xff) throw new Error('bad JPEG marker');
    const marker = src[i + 1];
    if (marker === undefined) throw new Error('truncated JPEG');
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RST0–7, and SOI again (malformed) / EOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(src.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (marker === 0xd9) {
      out.push(src.subarray(i, i + 2));
      return Buffer.concat(out);
    }
    if (i + 4 > src.length) throw new Error('truncated JPEG');
    const length = src.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > src.length) throw new Error('bad JPEG segment length');
    const end = i + 2 + length;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data runs to the next marker that is not a stuffed
      // byte (FF00) or a restart (FFD0–D7). Progressive JPEGs have several scans; the
      // loop goes on from there, and stops at the first EOI (anything appended after it,
      // such as a second image with its own EXIF, is dropped).
      let j = end;
      while (
        j + 1 < src.length &&
        !(src[j] === 0xff && src[j + 1] !== 0x00 && !(src[j + 1] >= 0xd0 && src[j + 1] <= 0xd7) && src[j + 1] !== 0xff)
      )
        j++;
      if (j + 1 >= src.length) throw new Error('JPEG without end');
      out.push(src.subarray(i, j));
      i = j;
      continue;
    }
    const isMetadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!isMetadata) out.push(src.subarray(i, end));
    else if (marker === 0xe1 && !exifSeen && src.subarray(i + 4, i + 10).equals(EXIF_HEADER)) {
      exifSeen = true;
      const orientation = readOrientation(src.subarray(i + 4, end));
      if (orientation) out.push(jpegSegment(0xe1, Buffer.concat([EXIF_HEADER, orientationOnlyTiff(orientation)])));
    }
    i = end;
  }
  throw new Error('JPEG without image data');
}

const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS']);

/** A PNG chunk with its CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/**
 * PNG: keep only the chunks that make the picture (no tEXt, iTXt, zTXt, eXIf, tIME, iCCP…),
 * plus a fresh eXIf holding only the orientation, placed right after IHDR (before IDAT).
 */
function stripPng(src: Buffer): Buffer {
  const out: Buffer[] = [PNG_SIGNATURE];
  let orientation: number | undefined;
  let i = 8;
  let sawEnd = false;
  while (i + 12 <= src.length) {
    const length = src.readUInt32BE(i);
    const end = i + 12 + length;
    if (end > src.length) throw new Error('bad PNG chunk length');
    const type = src.toString('latin1', i + 4, i + 8);
    if (PNG_KEEP.has(type)) out.push(src.subarray(i, end));
    if (type === 'eXIf' && orientation === undefined) orientation = readOrientation(src.subarray(i + 8, i + 8 + length));
    i = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw new Error('PNG without IEND');
  // out[1] is IHDR in any valid PNG; the orientation goes right after it.
  if (orientation && out[1]?.toString('latin1', 4, 8) === 'IHDR')
    out.splice(2, 0, pngChunk('eXIf', orientationOnlyTiff(orientation)));
  return Buffer.concat(out);
}

const WEBP_KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);

/** A RIFF chunk, padded to an even size. */
function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/**
 * WebP: drop EXIF, XMP and ICCP chunks, clear their flags in VP8X and fix the RIFF size.
 * An extended WebP (VP8X) with an orientation gets a fresh EXIF chunk holding only that,
 * last, as the container's chunk order asks.
 */
function stripWebp(src: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let orientation: number | undefined;
  let i = 12;
  while (i + 8 <= src.length) {
    const fourcc = src.toString('latin1', i, i + 4);
    const size = src.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > src.length) throw new Error('bad WebP chunk size');
    if (WEBP_KEEP.has(fourcc)) {
      const chunk = Buffer.from(src.subarray(i, Math.min(end, src.length)));
      // VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04.
      if (fourcc === 'VP8X' && chunk.length > 8) chunk[8] &= ~(0x20 | 0x08 | 0x04);
      chunks.push(chunk);
    }
    if (fourcc === 'EXIF' && orientation === undefined) orientation = readOrientation(src.subarray(i + 8, i + 8 + size));
    i = end;
  }
  if (chunks.length === 0) throw new Error('WebP without image data');
  const vp8x = chunks.find((c) => c.toString('latin1', 0, 4) === 'VP8X' && c.length > 8);
  if (orientation && vp8x) {
    vp8x[8] |= 0x08;
    chunks.push(riffChunk('EXIF', orientationOnlyTiff(orientation)));
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
