/**
 * Photos for the tests: real pixels drawn by sharp, then wrapped by hand in what phones and
 * editors add around them (EXIF with GPS and a serial, XMP, a JFXX segment carrying text,
 * comments, PNG text chunks, a second image appended), plus pixel floods whose header
 * promises far more than the file holds.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

const seg = (marker: number, payload: Buffer) => {
  const len = Buffer.alloc(2);
  len.writeUInt16BE(payload.length + 2);
  return Buffer.concat([Buffer.from([0xff, marker]), len, payload]);
};

/** A PNG chunk with a valid CRC. */
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** Text that must never survive intake (an address, a device serial, a date, coordinates). */
export const LEAKS = ['Main St', 'SN-4471', 'PhoneMaker', '2026:11:28', 'GPSLatitude', '44.9486', 'xmpmeta'];

/** A width×height picture, left half red and right half blue, as raw RGB for sharp. */
function halves(width: number, height: number) {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw.set(x < width / 2 ? [230, 20, 20] : [20, 20, 230], (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

/**
 * A phone JPEG, 40×20 as the sensor saw it: EXIF (orientation, make, serial, date, GPS),
 * XMP with GPS, a JFXX APP0 whose payload is text, a comment, and a second JPEG with its own
 * EXIF appended after the end of the image.
 */
export async function phoneJpeg(orientation = 6): Promise<Buffer> {
  const pixels = await halves(40, 20).jpeg({ quality: 90 }).toBuffer();
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), phoneExifTiff(orientation)]);
  return Buffer.concat([
    pixels.subarray(0, 2),
    seg(0xe1, exif),
    seg(0xe0, Buffer.from('JFXX\0\x10taken at 123 Main St by SN-4471', 'latin1')),
    seg(
      0xe1,
      Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>44,56.9N</exif:GPSLatitude></x:xmpmeta>', 'latin1'),
    ),
    seg(0xfe, Buffer.from('taken at 123 Main St', 'latin1')),
    pixels.subarray(2),
    Buffer.from([0xff, 0xd8]),
    seg(0xe1, exif),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A 40×20 PNG with a text chunk and an eXIf chunk (orientation, GPS, serial) right after IHDR. */
export async function phonePng(orientation = 6): Promise<Buffer> {
  const png = await halves(40, 20).png().toBuffer();
  const afterIhdr = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([
    png.subarray(0, afterIhdr),
    chunk('tEXt', Buffer.from('Comment\0taken at 123 Main St, GPS 44.9486,-93.2526', 'latin1')),
    chunk('eXIf', phoneExifTiff(orientation)),
    png.subarray(afterIhdr),
  ]);
}

/** A 40×20 WebP carrying EXIF (make, serial, GPS) and XMP. */
export async function phoneWebp(): Promise<Buffer> {
  return halves(40, 20)
    .webp()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15 SN-4471' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '44/1 56/1 55/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
    .toBuffer();
}

/**
 * A real, valid 20,000 × 20,000 PNG of one colour (400 megapixels): 1-bit palette rows of
 * zeros deflate to a few tens of kilobytes, so the file is small and the picture enormous.
 */
export function hugeSolidPng(size = 20_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([1, 3, 0, 0, 0], 8); // bit depth 1, palette, deflate, adaptive filter, no interlace
  const row = 1 + Math.ceil(size / 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from([200, 30, 30])),
    chunk('IDAT', deflateSync(Buffer.alloc(row * size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG that is a header promising side × side RGBA pixels and one byte of image data. */
export function headerOnlyPngFlood(side = 30_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG whose frame header (SOF0) promises 65,500 × 65,500 pixels, with a scan of a few bytes. */
export function headerOnlyJpegFlood(): Buffer {
  const sof = Buffer.from([8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  sof.writeUInt16BE(65_500, 1);
  sof.writeUInt16BE(65_500, 3);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    seg(0xc0, sof),
    seg(0xc4, Buffer.concat([Buffer.from([0]), Buffer.from([0, 1, ...Array(14).fill(0)]), Buffer.from([0])])),
    seg(0xda, Buffer.from([3, 1, 0, 2, 0, 3, 0, 0, 0x3f, 0])),
    Buffer.from([0, 0, 0]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/**
 * A real little-endian TIFF block as a phone writes it: IFD0 with Make, Model, Orientation,
 * DateTime and a pointer to a GPS IFD holding latitude and longitude (rationals).
 */
export function phoneExifTiff(orientation: number): Buffer {
  const entries: Array<[tag: number, type: number, count: number, value: number]> = [];
  const extra: Buffer[] = [];
  const IFD0 = 8;
  const ifd0Count = 6;
  let dataAt = IFD0 + 2 + ifd0Count * 12 + 4;
  const ascii = (s: string) => {
    const b = Buffer.from(`${s}\0`, 'latin1');
    const at = dataAt;
    extra.push(b);
    dataAt += b.length;
    return { at, count: b.length };
  };
  const make = ascii('PhoneMaker');
  const model = ascii('Phone 15 SN-4471');
  const date = ascii('2026:11:28 21:14:03');
  const gpsIfd = dataAt;
  const gpsCount = 4;
  const gpsData = gpsIfd + 2 + gpsCount * 12 + 4;
  entries.push(
    [0x010f, 2, make.count, make.at],
    [0x0110, 2, model.count, model.at],
    [0x0112, 3, 1, orientation],
    [0x0132, 2, date.count, date.at],
    [0x8825, 4, 1, gpsIfd],
  );
  // Sorted by tag, as TIFF asks; padded with one harmless tag to reach six entries.
  entries.push([0x0131, 2, 4, 0x00736f69]); // Software "ios\0" inline
  entries.sort((a, b) => a[0] - b[0]);
  const head = Buffer.alloc(8);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(IFD0, 4);
  const ifd = (list: typeof entries) => {
    const b = Buffer.alloc(2 + list.length * 12 + 4);
    b.writeUInt16LE(list.length, 0);
    list.forEach(([tag, type, count, value], n) => {
      const at = 2 + n * 12;
      b.writeUInt16LE(tag, at);
      b.writeUInt16LE(type, at + 2);
      b.writeUInt32LE(count, at + 4);
      if (type === 3) b.writeUInt16LE(value, at + 8);
      else b.writeUInt32LE(value, at + 8);
    });
    return b;
  };
  const rationals = (values: number[]) => {
    const b = Buffer.alloc(values.length * 8);
    values.forEach((v, n) => {
      b.writeUInt32LE(Math.round(v * 10000), n * 8);
      b.writeUInt32LE(10000, n * 8 + 4);
    });
    return b;
  };
  const lat = rationals([44, 56, 55.0]);
  const lng = rationals([93, 15, 9.36]);
  const gps = ifd([
    [0x0001, 2, 2, 0x4e], // GPSLatitudeRef "N"
    [0x0002, 5, 3, gpsData],
    [0x0003, 2, 2, 0x57], // GPSLongitudeRef "W"
    [0x0004, 5, 3, gpsData + lat.length],
  ]);
  return Buffer.concat([head, ifd(entries), ...extra, gps, lat, lng]);
}
