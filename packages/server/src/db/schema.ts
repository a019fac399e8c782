import type { PlacesTables } from './schema-places.ts';
import type { ShiftsTables } from './schema-shifts.ts';
import type { TrainingTables } from './schema-training.ts';
import type { CareHubTables, CareRideTables, CareTables } from './schema-care.ts';
import type { FundsTables } from './schema-funds.ts';

/**
 * Row types as stored. Portable kinds (see db/column-kinds.ts): ids are UUIDv7 text,
 * timestamps are ISO strings in SQLite and timestamptz (read back as Date) in PostgreSQL,
 * booleans are 0/1 integers and JSON is text on both, so one query works on each.
 */
export type Ts = string | Date;

export interface NetworksTable {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  settings: string;
  created_at: Ts;
}
export interface OrganizationsTable {
  id: string;
  network_id: string;
  name: string;
  kind: string;
  type: string;
  status: string;
  requested_by: string | null;
  created_at: Ts;
}
export interface AccountsTable {
  id: string;
  /** Plaintext left from before 2026-12-04T0012 (or written while sealed) until sealPlaintext clears it. */
  email: string | null;
  email_enc: string | null;
  email_lookup: string | null;
  /** scrypt of the normalized email, deployment admins only: sign-in while sealed. */
  sealed_email_hash: string | null;
  password_hash: string | null;
  display_name: string | null;
  display_name_enc: string | null;
  language: string;
  languages_spoken: string;
  home_area: string | null;
  notification_channels: string;
  phone_enc: string | null;
  is_deployment_admin: number;
  created_at: Ts;
}
export interface NetworkAdminsTable {
  network_id: string;
  account_id: string;
  created_at: Ts;
}
export interface MembershipsTable {
  id: string;
  network_id: string;
  organization_id: string;
  account_id: string;
  roles: string;
  status: string;
  created_at: Ts;
  activated_at: Ts | null;
}
export interface VouchesTable {
  membership_id: string;
  voucher_account_id: string;
  network_id: string;
  created_at: Ts;
}
export interface InvitationsTable {
  id: string;
  network_id: string;
  organization_id: string;
  token_hash: string;
  roles: string;
  created_by: string;
  created_at: Ts;
  expires_at: Ts;
  used_at: Ts | null;
  used_by: string | null;
  revoked_at: Ts | null;
}
export interface SessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  label: string;
  created_at: Ts;
  last_seen_at: Ts;
  expires_at: Ts;
  /** How the session was signed in: 'password' or 'passkey'. */
  auth_method: string;
}
export interface PasskeysTable {
  id: string;
  account_id: string;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  name: string;
  created_at: Ts;
}
export interface AuthChallengesTable {
  id: string;
  challenge: string;
  purpose: string;
  account_id: string | null;
  payload: string;
  expires_at: Ts;
}
export interface SharesTable {
  item_kind: string;
  item_id: string;
  network_id: string;
  organization_id: string;
}
export interface AuditLogTable {
  seq: number;
  network_id: string | null;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  detail: string;
  created_at: Ts;
  prev_hash: string;
  hash: string;
}
/** One purge of old audit entries: the chain now starts after through_seq. */
export interface AuditAnchorsTable {
  through_seq: number;
  through_hash: string;
  entries_deleted: number;
  purged_at: Ts;
}
export interface SystemStateTable {
  key: string;
  value: string;
}

/** Reports that arrived while the server was sealed, encrypted to the sealed-intake public key. */
export interface SealedIntakeTable {
  id: string;
  network_id: string;
  received_at: Ts;
  /** The whole validated input, a sealed box (platform/crypto/sealed-box.ts). */
  sealed: string;
  /** SHA-256 of the idempotency key or SMS MessageSid, for replays while sealed. */
  dedupe_hash: string | null;
  receipt_code: string;
}

export interface IncidentsTable {
  id: string;
  network_id: string;
  status: string;
  category: string;
  location_text: string | null;
  lat: number | null;
  lng: number | null;
  cell: string | null;
  report_count: number;
  trusted_reports: number;
  first_reported_at: Ts;
  last_reported_at: Ts;
  verified_at: Ts | null;
  verification_reason: string | null;
  first_accept_at: Ts | null;
  on_scene_at: Ts | null;
  closed_at: Ts | null;
  coarsened: number;
  lock_account_id: string | null;
  lock_expires_at: Ts | null;
  version: number;
  created_at: Ts;
  updated_at: Ts;
  /** The gazetteer place it is at, when its location came from one. */
  place_id: string | null;
  /** Its place and area in words, as alerts say them. */
  place_name: string | null;
  area_name: string | null;
  /** Sealed ('address'): its place in words as typed, its exact point as `lat,lng`, its gazetteer place name. */
  location_text_enc: string | null;
  point_enc: string | null;
  place_name_enc: string | null;
}
export interface ReportsTable {
  id: string;
  network_id: string;
  incident_id: string | null;
  source: string;
  category: string;
  location_text: string | null;
  lat: number | null;
  lng: number | null;
  observed_at: Ts;
  description: string | null;
  language: string;
  contact_enc: string | null;
  receipt_code: string;
  idempotency_key: string | null;
  sms_message_sid: string | null;
  reporter_account_id: string | null;
  trusted: number;
  needs_structuring: number;
  photo_enc: string | null;
  created_at: Ts;
  /** The gazetteer place its typed location was resolved to. */
  place_id: string | null;
  /** Sealed: its typed place and exact point `lat,lng` ('address'), what it says ('report'). */
  location_text_enc: string | null;
  point_enc: string | null;
  description_enc: string | null;
}
export interface IncidentEventsTable {
  id: string;
  incident_id: string;
  network_id: string;
  kind: string;
  actor_id: string | null;
  detail: string;
  created_at: Ts;
  /** Sealed ('address'): the detail's fields that name places, as JSON; merged back over `detail` when read. */
  detail_enc: string | null;
}
export interface RespondersTable {
  network_id: string;
  account_id: string;
  qualifications: string;
  available: number;
  cell: string | null;
  updated_at: Ts;
}
export interface DispatchesTable {
  id: string;
  incident_id: string;
  network_id: string;
  account_id: string;
  qualification: string | null;
  ring: number;
  status: string;
  notified_at: Ts;
  responded_at: Ts | null;
  on_scene_at: Ts | null;
  updated_at: Ts;
}
export interface AlertSubscriptionsTable {
  id: string;
  network_id: string;
  channel: string;
  endpoint_enc: string;
  endpoint_hash: string;
  language: string;
  discreet: number;
  manage_token_hash: string;
  created_at: Ts;
  confirmed_at: Ts | null;
  confirm_code_hash: string | null;
  confirm_expires_at: Ts | null;
  confirm_attempts: number;
  pending_change: string | null;
}
export interface AlertConfirmationSendsTable {
  id: string;
  endpoint_hash: string;
  sent_at: Ts;
}
export interface AlertSubscriptionCellsTable {
  subscription_id: string;
  network_id: string;
  cell: string;
}
export interface AlertsTable {
  id: string;
  network_id: string;
  incident_id: string;
  kind: string;
  cell: string;
  category: string;
  recipients: number;
  created_at: Ts;
  preset: string | null;
  area_name: string | null;
  place_name: string | null;
}
export interface OutboxTable {
  id: string;
  network_id: string | null;
  channel: string;
  recipient_enc: string;
  /** Plaintext left from before 2026-12-04T0013 until sealPlaintext clears it. */
  payload: string | null;
  payload_enc: string | null;
  dedupe_key: string;
  status: string;
  attempts: number;
  next_attempt_at: Ts;
  claimed_until: Ts | null;
  last_error: string | null;
  created_at: Ts;
  sent_at: Ts | null;
}
export interface SmsBlocklistTable {
  network_id: string;
  number_hash: string;
  created_at: Ts;
}

/** The whole database as Kysely sees it. */
export interface DB extends TrainingTables, ShiftsTables, PlacesTables, CareTables, CareRideTables, CareHubTables, FundsTables {
  networks: NetworksTable;
  organizations: OrganizationsTable;
  accounts: AccountsTable;
  network_admins: NetworkAdminsTable;
  memberships: MembershipsTable;
  vouches: VouchesTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  passkeys: PasskeysTable;
  auth_challenges: AuthChallengesTable;
  shares: SharesTable;
  audit_log: AuditLogTable;
  audit_anchors: AuditAnchorsTable;
  system_state: SystemStateTable;
  sealed_intake: SealedIntakeTable;
  incidents: IncidentsTable;
  reports: ReportsTable;
  incident_events: IncidentEventsTable;
  responders: RespondersTable;
  dispatches: DispatchesTable;
  alert_subscriptions: AlertSubscriptionsTable;
  alert_subscription_cells: AlertSubscriptionCellsTable;
  alert_confirmation_sends: AlertConfirmationSendsTable;
  alerts: AlertsTable;
  outbox: OutboxTable;
  sms_blocklist: SmsBlocklistTable;
}
