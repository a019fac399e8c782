// A tiny vector basemap for the e2e specs: one Mapbox Vector Tile (a lake, a park and a
// named avenue, in the Protomaps layer names the app's style reads) in a PMTiles v3
// archive, both written by hand from their specs. The server test has its own TypeScript
// writer (packages/server/test/harness/tiny-pmtiles.ts); this one adds the MVT encoding.
import { writeFileSync } from 'node:fs';
import { zxyToTileId } from 'pmtiles';

const varint = (n) => {
  const out = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
};
const zigzag = (n) => (n << 1) ^ (n >> 31);
/** Protobuf: a length-delimited field (wire type 2) and a varint field (wire type 0). */
const bytesField = (field, bytes) => [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
const varintField = (field, n) => [...varint(field << 3), ...varint(n)];
const text = (s) => [...Buffer.from(s, 'utf8')];

/** MVT geometry commands for one ring or line of tile coordinates (0..4096). */
function geometry(points, close) {
  const out = [];
  let [cx, cy] = [0, 0];
  points.forEach(([x, y], i) => {
    if (i === 0) out.push((1 & 7) | (1 << 3));
    if (i === 1) out.push((2 & 7) | ((points.length - 1) << 3));
    out.push(zigzag(x - cx), zigzag(y - cy));
    [cx, cy] = [x, y];
  });
  if (close) out.push((7 & 7) | (1 << 3));
  return out;
}

/** One layer with one feature: type 2 line or 3 polygon, string properties. */
function layer(name, type, points, props) {
  const keys = Object.keys(props);
  const tags = keys.flatMap((_, i) => [i, i]);
  const feature = [
    ...bytesField(2, tags.flatMap(varint)),
    ...varintField(3, type),
    ...bytesField(4, geometry(points, type === 3).flatMap(varint)),
  ];
  return bytesField(3, [
    ...varintField(15, 2),
    ...bytesField(1, text(name)),
    ...bytesField(2, feature),
    ...keys.flatMap((k) => bytesField(3, text(k))),
    ...keys.flatMap((k) => bytesField(4, bytesField(1, text(props[k])))),
    ...varintField(5, 4096),
  ]);
}

/** The tile at z/x/y of Web Mercator that holds a point. */
export function tileOf(lat, lng, z) {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return { z, x: Math.floor(((lng + 180) / 360) * n), y: Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n) };
}

/** Write a PMTiles v3 file with one vector tile at `tile`; returns its bytes. */
export function writeTinyBasemap(file, tile) {
  // Clockwise rings (y down): a lake over the west third, a park in the south-east, an avenue across the middle.
  const mvt = Buffer.from([
    ...layer(
      'earth',
      3,
      [
        [0, 0],
        [4096, 0],
        [4096, 4096],
        [0, 4096],
      ],
      { kind: 'earth' },
    ),
    ...layer(
      'water',
      3,
      [
        [0, 0],
        [1365, 0],
        [1365, 4096],
        [0, 4096],
      ],
      { kind: 'lake' },
    ),
    ...layer(
      'landuse',
      3,
      [
        [2800, 2800],
        [4000, 2800],
        [4000, 4000],
        [2800, 4000],
      ],
      { kind: 'park' },
    ),
    ...layer(
      'roads',
      2,
      [
        [0, 2048],
        [4096, 2048],
      ],
      { kind: 'major_road', name: 'Test Avenue' },
    ),
  ]);
  const root = Buffer.from([
    ...varint(1),
    ...varint(zxyToTileId(tile.z, tile.x, tile.y)),
    ...varint(1),
    ...varint(mvt.length),
    ...varint(1),
  ]);
  const metadata = Buffer.from(JSON.stringify({ name: 'e2e basemap', vector_layers: [] }));
  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'ascii');
  h.writeUInt8(3, 7);
  const u64 = (at, v) => h.writeBigUInt64LE(BigInt(v), at);
  const dataOffset = 127 + root.length + metadata.length;
  [127, root.length, 127 + root.length, metadata.length, dataOffset + mvt.length, 0, dataOffset, mvt.length, 1, 1, 1].forEach(
    (v, i) => u64(8 + i * 8, v),
  );
  // Clustered, nothing compressed, MVT, one zoom level; bounds are the whole world.
  [1, 1, 1, 1, tile.z, tile.z].forEach((v, i) => h.writeUInt8(v, 96 + i));
  [-180e7, -85e7, 180e7, 85e7].forEach((v, i) => h.writeInt32LE(v, 102 + i * 4));
  h.writeUInt8(tile.z, 118);
  const bytes = Buffer.concat([h, root, metadata, mvt]);
  writeFileSync(file, bytes);
  return bytes;
}
