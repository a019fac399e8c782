/**
 * The one piece of EXIF worth keeping: Orientation (tag 0x0112). Phones store the
 * picture as the sensor saw it and say "rotate 90°" in EXIF; without the tag the photo
 * shows sideways. We read the tag out of the original TIFF block and write a brand-new
 * block that holds nothing else, so no GPS, device, serial or timestamp can ride along.
 */

const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;
/** The header an EXIF block carries inside a JPEG APP1 segment (and sometimes a WebP chunk). */
export const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

/** The Orientation value (2–8) in an EXIF/TIFF block, or undefined when absent, normal (1) or unreadable. */
export function readOrientation(block: Buffer): number | undefined {
  const tiff = block.subarray(0, 6).equals(EXIF_HEADER) ? block.subarray(6) : block;
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let n = 0; n < count; n++) {
    const entry = ifd + 2 + n * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    if (u16(entry + 2) !== TYPE_SHORT) return undefined;
    // A SHORT value sits left-justified in the 4-byte value field.
    const value = u16(entry + 8);
    return value >= 2 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** A minimal big-endian TIFF block: IFD0 with the Orientation tag only, no next IFD (26 bytes). */
export function orientationOnlyTiff(orientation: number): Buffer {
  const b = Buffer.alloc(26);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(8, 4); // IFD0 right after the header
  b.writeUInt16BE(1, 8); // one entry
  b.writeUInt16BE(ORIENTATION_TAG, 10);
  b.writeUInt16BE(TYPE_SHORT, 12);
  b.writeUInt32BE(1, 14); // count
  b.writeUInt16BE(orientation, 18); // value, left-justified; bytes 20–21 stay zero
  b.writeUInt32BE(0, 22); // no next IFD
  return b;
}
