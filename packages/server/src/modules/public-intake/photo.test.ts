import { describe, expect, it } from 'vitest';
import { jpegWithGps, pngWithGps } from './photo.fixtures.ts';
import { sniffPhotoType, stripPhotoMetadata } from './photo.ts';

describe('photo checks', () => {
  it('knows JPEG, PNG and WebP by their magic bytes, and nothing else', () => {
    expect(sniffPhotoType(jpegWithGps())).toBe('jpeg');
    expect(sniffPhotoType(pngWithGps())).toBe('png');
    expect(sniffPhotoType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffPhotoType(Buffer.from('GIF89a....'))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(() => stripPhotoMetadata(Buffer.from('%PDF-1.7'))).toThrow();
  });

  it('drops APP1–APP15 and comments from a JPEG, keeps the image segments and stops at the first EOI', () => {
    const src = jpegWithGps();
    const out = stripPhotoMetadata(src).bytes;
    const text = out.toString('latin1');
    expect(text).not.toContain('GPS');
    expect(text).not.toContain('Exif');
    expect(text).not.toContain('Main St');
    expect(text).toContain('JFIF');
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(out.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    // The scan data, stuffed bytes and restart marker included, is untouched.
    expect(out.includes(Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]))).toBe(true);
  });

  it('keeps only IHDR/PLTE/IDAT/IEND/tRNS in a PNG', () => {
    const out = stripPhotoMetadata(pngWithGps()).bytes.toString('latin1');
    expect(out).not.toContain('GPS');
    expect(out).not.toContain('tEXt');
    expect(out).not.toContain('eXIf');
    expect(out).toContain('IHDR');
    expect(out).toContain('IDAT');
    expect(out).toContain('IEND');
  });

  it('drops EXIF and XMP chunks from a WebP, clears their flags and fixes the size', () => {
    const c = (fourcc: string, data: Buffer) => {
      const size = Buffer.alloc(4);
      size.writeUInt32LE(data.length);
      return Buffer.concat([Buffer.from(fourcc, 'latin1'), size, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x04;
    const body = Buffer.concat([c('VP8X', vp8x), c('VP8 ', Buffer.alloc(11, 3)), c('EXIF', Buffer.from('GPSLatitude', 'latin1')), c('XMP ', Buffer.from('<x:gps/>', 'latin1'))]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length + 4);
    const out = stripPhotoMetadata(Buffer.concat([Buffer.from('RIFF', 'latin1'), size, Buffer.from('WEBP', 'latin1'), body])).bytes;
    expect(out.toString('latin1')).not.toMatch(/GPS|EXIF|XMP/);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20] & 0x0c).toBe(0);
  });

  it('refuses truncated or malformed files instead of storing them', () => {
    expect(() => stripPhotoMetadata(jpegWithGps().subarray(0, 30))).toThrow();
    expect(() => stripPhotoMetadata(pngWithGps().subarray(0, 40))).toThrow();
  });
});
