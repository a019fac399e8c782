import type { PlainColumns } from '../../platform/crypto/plain-columns.ts';

/**
 * The alerts module's columns kept in the clear, and why (its face's `plainColumns`). Every
 * other column of its tables is a ciphertext listed in `encryptedColumns`.
 */
export const ALERTS_PLAIN_COLUMNS: PlainColumns = {
  'alert_confirmation_sends.id': 'id',
  'alert_confirmation_sends.endpoint_hash': 'hash: keyed HMAC of the endpoint (rate limit of confirmations)',
  'alert_confirmation_sends.sent_at': 'timestamp',
  'alert_subscription_cells.subscription_id': 'id',
  'alert_subscription_cells.network_id': 'id',
  'alert_subscription_cells.cell': 'coarse cell: an area subscribed to',
  'alert_subscriptions.id': 'id',
  'alert_subscriptions.network_id': 'id',
  'alert_subscriptions.channel': 'status',
  'alert_subscriptions.endpoint_hash': 'hash: keyed HMAC of the endpoint (blind index)',
  'alert_subscriptions.language': 'status',
  'alert_subscriptions.discreet': 'flag',
  'alert_subscriptions.manage_token_hash': 'hash: SHA-256 of the manage link token',
  'alert_subscriptions.created_at': 'timestamp',
  'alert_subscriptions.confirmed_at': 'timestamp',
  'alert_subscriptions.confirm_code_hash': 'hash: of the confirmation code',
  'alert_subscriptions.confirm_expires_at': 'timestamp',
  'alert_subscriptions.confirm_attempts': 'count',
  'alert_subscriptions.pending_change': 'setting: cells, language and discreet asked for, until confirmed',
  'alerts.id': 'id',
  'alerts.network_id': 'id',
  'alerts.incident_id': 'id',
  'alerts.kind': 'status',
  'alerts.cell': 'coarse cell: the alerted area',
  'alerts.category': 'status',
  'alerts.recipients': 'count',
  'alerts.created_at': 'timestamp',
  'alerts.preset': 'status',
  'alerts.area_name': 'gazetteer: the neighbourhood the alert named',
  'alerts.place_name': 'public name: the place the verified alert announced publicly',
};
