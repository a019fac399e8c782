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
  email: string;
  password_hash: string | null;
  display_name: string;
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
export interface SystemStateTable {
  key: string;
  value: string;
}

/** The whole database as Kysely sees it. */
export interface DB {
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
  system_state: SystemStateTable;
}
