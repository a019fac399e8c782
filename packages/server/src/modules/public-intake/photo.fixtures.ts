/** Small images with location metadata, for the photo tests (structure only; no pixels decode). */

const seg = (marker: number, payload: Buffer) => {
  const len = Buffer.alloc(2);
  len.writeUInt16BE(payload.length + 2);
  return Buffer.concat([Buffer.from([0xff, marker]), len, payload]);
};

/** A JPEG's structure with an EXIF block holding GPS tags and a comment, around real-looking scan data. */
export function jpegWithGps(): Buffer {
  const exif = Buffer.concat([
    Buffer.from('Exif\0\0MM\0*', 'latin1'),
    Buffer.from('GPSLatitude 44.9486 N GPSLongitude 93.2526 W', 'latin1'),
  ]);
  const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]); // stuffed byte and a restart marker
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, exif),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xfe, Buffer.from('taken at 123 Main St', 'latin1')),
    seg(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    scan,
    Buffer.from([0xff, 0xd9]),
    // Appended after the end of the image: a second JPEG with its own EXIF (as phones do).
    Buffer.from([0xff, 0xd8]),
    seg(0xe1, exif),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
};

/** A PNG with text and EXIF chunks carrying a location. */
export function pngWithGps(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.alloc(13, 1)),
    chunk('tEXt', Buffer.from('Comment\0GPS 44.9486,-93.2526', 'latin1')),
    chunk('eXIf', Buffer.from('MM\0*GPSLatitude', 'latin1')),
    chunk('IDAT', Buffer.alloc(20, 7)),
    chunk('IEND', Buffer.alloc(0)),
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

/** A JPEG from a phone held upright: EXIF with orientation 6 (rotate 90°), GPS, device and time. */
export function jpegWithGpsAndOrientation(orientation = 6): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), phoneExifTiff(orientation)])),
    seg(
      0xe1,
      Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>44,56.9N</exif:GPSLatitude></x:xmpmeta>', 'latin1'),
    ),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A PNG whose eXIf chunk carries orientation 6 and GPS (valid CRCs are not needed to strip). */
export function pngWithGpsAndOrientation(orientation = 6): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.alloc(13, 1)),
    chunk('eXIf', phoneExifTiff(orientation)),
    chunk('IDAT', Buffer.alloc(20, 7)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
