// A PMTiles v3 archive written by hand from the spec (github.com/protomaps/PMTiles, spec/v3):
// a 127-byte header, one root directory, JSON metadata and the tile bytes, nothing compressed.
// Tests build their own file so they depend on no downloaded extract.

/** One tile: its Hilbert tile id (zxyToTileId) and its bytes. */
export interface TinyTile {
  tileId: number;
  data: Buffer;
}

const HEADER_BYTES = 127;
const COMPRESSION_NONE = 1;
const TILE_TYPE_MVT = 1;

/** Unsigned LEB128, the varint of directories. */
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** A directory: entry count, then tile ids (delta), run lengths, lengths, offsets (0 = right after the previous tile, else offset + 1). */
function directory(entries: { tileId: number; offset: number; length: number }[]): Buffer {
  const bytes: number[] = [...varint(entries.length)];
  let lastId = 0;
  for (const e of entries) {
    bytes.push(...varint(e.tileId - lastId));
    lastId = e.tileId;
  }
  for (const _ of entries) bytes.push(...varint(1));
  for (const e of entries) bytes.push(...varint(e.length));
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    bytes.push(...varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1));
  });
  return Buffer.from(bytes);
}

/**
 * The whole archive. Tiles must be sorted by tile id; `bounds` is [west, south, east, north]
 * in degrees, and the zoom range is that of the tiles given.
 */
export function tinyPmtiles(
  tiles: TinyTile[],
  opts: { minZoom: number; maxZoom: number; bounds: [number, number, number, number]; metadata?: object },
): Buffer {
  const entries: { tileId: number; offset: number; length: number }[] = [];
  let offset = 0;
  for (const t of tiles) {
    entries.push({ tileId: t.tileId, offset, length: t.data.length });
    offset += t.data.length;
  }
  const root = directory(entries);
  const metadata = Buffer.from(JSON.stringify(opts.metadata ?? { vector_layers: [] }));
  const tileData = Buffer.concat(tiles.map((t) => t.data));

  const h = Buffer.alloc(HEADER_BYTES);
  h.write('PMTiles', 0, 'ascii');
  h.writeUInt8(3, 7);
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const dataOffset = metadataOffset + metadata.length;
  const u64 = (at: number, v: number) => h.writeBigUInt64LE(BigInt(v), at);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, dataOffset + tileData.length); // no leaf directories: offset after the data, length 0
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, tileData.length);
  u64(72, tiles.length); // addressed tiles
  u64(80, tiles.length); // tile entries
  u64(88, tiles.length); // tile contents
  h.writeUInt8(1, 96); // clustered: tiles in tile-id order
  h.writeUInt8(COMPRESSION_NONE, 97); // internal (directories, metadata)
  h.writeUInt8(COMPRESSION_NONE, 98); // tiles
  h.writeUInt8(TILE_TYPE_MVT, 99);
  h.writeUInt8(opts.minZoom, 100);
  h.writeUInt8(opts.maxZoom, 101);
  const [west, south, east, north] = opts.bounds.map((d) => Math.round(d * 1e7));
  h.writeInt32LE(west, 102);
  h.writeInt32LE(south, 106);
  h.writeInt32LE(east, 110);
  h.writeInt32LE(north, 114);
  h.writeUInt8(opts.minZoom, 118);
  h.writeInt32LE(Math.round((west + east) / 2), 119);
  h.writeInt32LE(Math.round((south + north) / 2), 123);
  return Buffer.concat([h, root, metadata, tileData]);
}
