import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/**
 * The places module's columns kept in the clear, and why (its face's `plainColumns`). Every
 * other column of its tables is a ciphertext listed in `encryptedColumns`.
 */
export const PLACES_PLAIN_COLUMNS: PlainColumns = {
  'places.id': 'id',
  'places.network_id': 'id',
  'places.kind': 'status',
  'places.name': 'gazetteer: a named public place or area',
  'places.normalized': 'gazetteer: the name, folded for search',
  'places.lat': "gazetteer: a public place's point",
  'places.lng': "gazetteer: a public place's point",
  'places.boundary': "gazetteer: an area's outline (GeoJSON)",
  'places.min_lat': "gazetteer: an area's bounding box",
  'places.max_lat': "gazetteer: an area's bounding box",
  'places.min_lng': "gazetteer: an area's bounding box",
  'places.max_lng': "gazetteer: an area's bounding box",
  'places.created_at': 'timestamp',
};
