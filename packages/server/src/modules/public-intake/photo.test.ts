import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  headerOnlyJpegFlood,
  headerOnlyPngFlood,
  hugeSolidPng,
  LEAKS,
  phoneJpeg,
  phonePng,
  phoneWebp,
} from './photo.fixtures.ts';
import { reencodePhoto, sniffPhotoType } from './photo.ts';

// exifr reads metadata on its own (it shares no code with sharp or libvips): what it finds
// in the output is what a seized photo would tell.
const everything = true;

/** The colour at (x, y) of a decoded picture, as [r, g, b]. */
async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at], data[at + 1], data[at + 2]];
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { code?: string }) => e.code,
  );

describe('photos are decoded and drawn again', () => {
  it('knows JPEG, PNG and WebP by their magic bytes, and nothing else', async () => {
    expect(sniffPhotoType(await phoneJpeg())).toBe('jpeg');
    expect(sniffPhotoType(await phonePng())).toBe('png');
    expect(sniffPhotoType(await phoneWebp())).toBe('webp');
    expect(sniffPhotoType(Buffer.from('GIF89a....'))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(await refusal(reencodePhoto(Buffer.from('%PDF-1.7')))).toBe('photo_unreadable');
  });

  it('a phone JPEG comes out a JPEG with no GPS, no device, no XMP, no comment, no JFXX text and no appended image', async () => {
    const src = await phoneJpeg(1);
    // The fixture really carries what a phone writes, as an independent parser sees it.
    const before = await exifr.parse(src, everything);
    expect(before.latitude).toBeCloseTo(44.9486, 3);
    expect(before.Make).toBe('PhoneMaker');
    expect(src.toString('latin1')).toContain('JFXX');

    const out = await reencodePhoto(src);
    expect(out.type).toBe('jpeg');
    expect(sniffPhotoType(out.bytes)).toBe('jpeg');
    expect(await exifr.gps(out.bytes)).toBeUndefined();
    const after = await exifr.parse(out.bytes, everything);
    expect(after?.Make).toBeUndefined();
    expect(after?.latitude).toBeUndefined();
    const text = out.bytes.toString('latin1');
    for (const leak of [...LEAKS, 'JFXX', 'Exif']) expect(text).not.toContain(leak);
    // One image: a single start-of-image marker, the end-of-image marker last.
    expect(text.split('\xff\xd8').length - 1).toBe(1);
    expect(out.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect((await sharp(out.bytes).metadata()).width).toBe(40);
  });

  it('an EXIF-rotated photo displays upright: the pixels are turned and no Orientation tag is left', async () => {
    const src = await phoneJpeg(6);
    expect(await exifr.orientation(src)).toBe(6);
    const out = await reencodePhoto(src);
    const meta = await sharp(out.bytes).metadata();
    // Stored 40×20 with "rotate 90° clockwise": shown 20 wide, 40 tall, the left (red) half on top.
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(meta.orientation).toBeUndefined();
    expect(await exifr.orientation(out.bytes)).toBeUndefined();
    const [r1, , b1] = await pixel(out.bytes, 10, 5);
    const [r2, , b2] = await pixel(out.bytes, 10, 35);
    expect(r1).toBeGreaterThan(180);
    expect(b1).toBeLessThan(80);
    expect(b2).toBeGreaterThan(180);
    expect(r2).toBeLessThan(80);
  });

  it('a PNG keeps its pixels and orientation, loses its text and eXIf chunks', async () => {
    const src = await phonePng(6);
    expect((await exifr.parse(src, everything)).latitude).toBeCloseTo(44.9486, 3);
    const out = await reencodePhoto(src);
    expect(out.type).toBe('png');
    expect(await exifr.gps(out.bytes)).toBeUndefined();
    const text = out.bytes.toString('latin1');
    for (const leak of [...LEAKS, 'tEXt', 'eXIf', 'zTXt', 'iTXt']) expect(text).not.toContain(leak);
    const meta = await sharp(out.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 20, 40]);
  });

  it('a WebP stays a WebP without its EXIF and XMP', async () => {
    const src = await phoneWebp();
    expect(src.toString('latin1')).toContain('PhoneMaker');
    const out = await reencodePhoto(src);
    expect(out.type).toBe('webp');
    const text = out.bytes.toString('latin1');
    for (const leak of [...LEAKS, 'EXIF', 'XMP ']) expect(text).not.toContain(leak);
    expect((await sharp(out.bytes).metadata()).format).toBe('webp');
  });

  it('refuses a real 20,000 × 20,000 PNG as too large, from its header, without decoding it', async () => {
    const huge = hugeSolidPng();
    expect(huge.length).toBeLessThan(500 * 1024);
    // It is a real picture: libvips reads its size.
    expect(await sharp(huge, { limitInputPixels: false }).metadata()).toMatchObject({ width: 20_000, height: 20_000 });
    const started = Date.now();
    expect(await refusal(reencodePhoto(huge))).toBe('photo_too_large');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses header-only pixel floods (PNG and JPEG: a header and a few bytes of data) as too large', async () => {
    expect(await refusal(reencodePhoto(headerOnlyPngFlood()))).toBe('photo_too_large');
    expect(await refusal(reencodePhoto(headerOnlyJpegFlood()))).toBe('photo_too_large');
    expect(await refusal(reencodePhoto(headerOnlyPngFlood(2_000_000)))).toBe('photo_too_large');
  });

  it('refuses truncated, corrupt or structure-only files instead of storing them', async () => {
    const jpeg = await phoneJpeg(1);
    const png = await phonePng(1);
    expect(await refusal(reencodePhoto(jpeg.subarray(0, Math.floor(jpeg.length / 2))))).toBe('photo_unreadable');
    expect(await refusal(reencodePhoto(png.subarray(0, png.length - 40)))).toBe('photo_unreadable');
    expect(await refusal(reencodePhoto(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1')))).toBe('photo_unreadable');
    // JPEG magic, then noise.
    expect(await refusal(reencodePhoto(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)])))).toBe(
      'photo_unreadable',
    );
  });
});
