import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/**
 * The dispatch module's columns kept in the clear, and why (its face's `plainColumns`). Every
 * other column of its tables is a ciphertext listed in `encryptedColumns`.
 */
export const DISPATCH_PLAIN_COLUMNS: PlainColumns = {
  'dispatches.id': 'id',
  'dispatches.incident_id': 'id',
  'dispatches.network_id': 'id',
  'dispatches.account_id': 'id',
  'dispatches.qualification': 'status',
  'dispatches.ring': 'count',
  'dispatches.status': 'status',
  'dispatches.notified_at': 'timestamp',
  'dispatches.responded_at': 'timestamp',
  'dispatches.on_scene_at': 'timestamp',
  'dispatches.updated_at': 'timestamp',
  'responders.network_id': 'id',
  'responders.account_id': 'id',
  'responders.qualifications': 'status: qualifications held',
  'responders.available': 'flag',
  'responders.cell': 'coarse cell: resolution 8, never a position',
  'responders.updated_at': 'timestamp',
};
