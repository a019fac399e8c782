import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jpegWithGps, jpegWithGpsAndOrientation, phoneExifTiff, pngWithGps, pngWithGpsAndOrientation } from './photo.fixtures.ts';
import { orientationOnlyTiff, readOrientation } from './photo-orientation.ts';
import { sniffPhotoType, stripPhotoMetadata } from './photo.ts';

/** The JPEG's marker segments before the scan, as [marker, payload]. */
function jpegSegments(jpeg: Buffer): Array<[number, Buffer]> {
  const out: Array<[number, Buffer]> = [];
  let i = 2;
  while (i < jpeg.length && jpeg[i + 1] !== 0xda) {
    const length = jpeg.readUInt16BE(i + 2);
    out.push([jpeg[i + 1], jpeg.subarray(i + 4, i + 2 + length)]);
    i += 2 + length;
  }
  return out;
}

/** Every IFD0 entry of a TIFF block as [tag, type, count], and the next-IFD offset. */
function tiffEntries(tiff: Buffer): { entries: number[][]; next: number } {
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const count = u16(ifd);
  const entries = Array.from({ length: count }, (_, n) => [u16(ifd + 2 + n * 12), u16(ifd + 4 + n * 12), u32(ifd + 6 + n * 12)]);
  return { entries, next: u32(ifd + 2 + count * 12) };
}

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
    const body = Buffer.concat([
      c('VP8X', vp8x),
      c('VP8 ', Buffer.alloc(11, 3)),
      c('EXIF', Buffer.from('GPSLatitude', 'latin1')),
      c('XMP ', Buffer.from('<x:gps/>', 'latin1')),
    ]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length + 4);
    const out = stripPhotoMetadata(
      Buffer.concat([Buffer.from('RIFF', 'latin1'), size, Buffer.from('WEBP', 'latin1'), body]),
    ).bytes;
    expect(out.toString('latin1')).not.toMatch(/GPS|EXIF|XMP/);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20] & 0x0c).toBe(0);
  });

  it('a phone JPEG with GPS and orientation 6 comes out with orientation 6 and no other tag', () => {
    const src = jpegWithGpsAndOrientation(6);
    // The fixture really carries what a phone writes.
    expect(readOrientation(jpegSegments(src)[0][1])).toBe(6);
    expect(tiffEntries(phoneExifTiff(6)).entries.map((e) => e[0])).toEqual([0x010f, 0x0110, 0x0112, 0x0131, 0x0132, 0x8825]);

    const out = stripPhotoMetadata(src).bytes;
    const app1 = jpegSegments(out).filter(([marker]) => marker === 0xe1);
    expect(app1).toHaveLength(1);
    const [, payload] = app1[0];
    expect(payload.subarray(0, 6).toString('latin1')).toBe('Exif\0\0');
    const tiff = payload.subarray(6);
    expect(tiff).toHaveLength(26);
    expect(tiffEntries(tiff)).toEqual({ entries: [[0x0112, 3, 1]], next: 0 });
    expect(readOrientation(payload)).toBe(6);
    const text = out.toString('latin1');
    for (const leak of ['PhoneMaker', 'SN-4471', '2026:11:28', 'ios', 'xmpmeta', 'GPS', 'adobe'])
      expect(text).not.toContain(leak);
    // Nothing but the new EXIF block was added: every other kept byte is from the source.
    expect(out.length).toBe(
      src.length -
        jpegSegments(src)
          .slice(0, 2)
          .reduce((n, [, p]) => n + p.length + 4, 0) +
        payload.length +
        4,
    );
  });

  it('writes no EXIF at all when the orientation is normal or missing', () => {
    for (const src of [jpegWithGpsAndOrientation(1), jpegWithGps()]) {
      const out = stripPhotoMetadata(src).bytes;
      expect(jpegSegments(out).some(([marker]) => marker === 0xe1)).toBe(false);
      expect(out.toString('latin1')).not.toContain('Exif');
    }
  });

  it('reads the orientation from big- and little-endian blocks, and ignores nonsense', () => {
    for (let o = 2; o <= 8; o++) {
      expect(readOrientation(orientationOnlyTiff(o))).toBe(o);
      expect(readOrientation(phoneExifTiff(o))).toBe(o);
    }
    expect(readOrientation(phoneExifTiff(9))).toBeUndefined();
    expect(readOrientation(Buffer.from('MM\0*GPSLatitude', 'latin1'))).toBeUndefined();
    expect(readOrientation(Buffer.alloc(4))).toBeUndefined();
  });

  it('keeps the orientation of a PNG in a fresh eXIf chunk after IHDR, with a valid CRC', () => {
    const out = stripPhotoMetadata(pngWithGpsAndOrientation(6)).bytes;
    const types: string[] = [];
    let exif: Buffer | undefined;
    for (let i = 8; i < out.length; ) {
      const length = out.readUInt32BE(i);
      const type = out.toString('latin1', i + 4, i + 8);
      types.push(type);
      if (type === 'eXIf') {
        exif = out.subarray(i + 8, i + 8 + length);
        expect(out.readUInt32BE(i + 8 + length)).toBe(crc32(out.subarray(i + 4, i + 8 + length)));
      }
      i += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'eXIf', 'IDAT', 'IEND']);
    expect(tiffEntries(exif!)).toEqual({ entries: [[0x0112, 3, 1]], next: 0 });
    expect(readOrientation(exif!)).toBe(6);
    expect(out.toString('latin1')).not.toMatch(/PhoneMaker|SN-4471|2026:11/);
  });

  it('keeps the orientation of an extended WebP in a fresh EXIF chunk and sets its flag', () => {
    const c = (fourcc: string, data: Buffer) => {
      const size = Buffer.alloc(4);
      size.writeUInt32LE(data.length);
      return Buffer.concat([Buffer.from(fourcc, 'latin1'), size, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x20;
    const body = Buffer.concat([
      c('VP8X', vp8x),
      c('ICCP', Buffer.from('profile', 'latin1')),
      c('VP8 ', Buffer.alloc(11, 3)),
      c('EXIF', phoneExifTiff(6)),
    ]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length + 4);
    const out = stripPhotoMetadata(
      Buffer.concat([Buffer.from('RIFF', 'latin1'), size, Buffer.from('WEBP', 'latin1'), body]),
    ).bytes;
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20] & 0x28).toBe(0x08); // EXIF flag on, ICC flag off
    const last = out.subarray(out.length - 34);
    expect(last.toString('latin1', 0, 4)).toBe('EXIF');
    expect(last.readUInt32LE(4)).toBe(26);
    expect(tiffEntries(last.subarray(8))).toEqual({ entries: [[0x0112, 3, 1]], next: 0 });
    expect(out.toString('latin1')).not.toMatch(/PhoneMaker|SN-4471|2026:11|profile/);
  });

  it('refuses truncated or malformed files instead of storing them', () => {
    expect(() => stripPhotoMetadata(jpegWithGps().subarray(0, 30))).toThrow();
    expect(() => stripPhotoMetadata(pngWithGps().subarray(0, 40))).toThrow();
  });
});
