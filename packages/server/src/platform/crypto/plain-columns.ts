/**
 * Why a column may stay in the clear: the kinds of thing a seized disk shows by design.
 * docs/threat-model.md ("What a seized disk shows") lists them; everything else is a ciphertext.
 */
export const PLAIN_KINDS = [
  /** Row ids (random UUIDv7) and references to other rows. */
  'id',
  /** When something happened or is scheduled. */
  'timestamp',
  /** One of a fixed set of values: status, kind, category, role, channel, language. */
  'status',
  /** A yes/no. */
  'flag',
  /** A number of things: counts, capacities, versions, positions. */
  'count',
  /** A one-way hash: tokens, keyed blind indexes, the audit chain. */
  'hash',
  /** An H3 cell at resolution 8 or coarser (a site's, a responder's, a subscription's area). */
  'coarse cell',
  /** A name the network shows anyway: organizations, public sites, published alerts. */
  'public name',
  /** The gazetteer: public map data (named places, corners, neighbourhoods) and their points and outlines. */
  'gazetteer',
  /** A setting or preference (time zone, network settings, notification choices). */
  'setting',
  /** A schedule: times of day, recurrence rules, shift titles and slot labels. */
  'schedule',
  /** The network's training catalogue: course names, descriptions, rules. */
  'catalogue',
  /** A random value with no meaning of its own (challenges, receipt codes, idempotency keys). */
  'token',
  /** A public key (passkeys). */
  'public key',
  /** A short label: a device's browser and OS, a passkey's name. */
  'label',
  /** Structured detail that carries ids, counts and statuses, never names, contact or places. */
  'log',
  /**
   * A report that came in while sealed, encrypted to the intake public key (decision 0016): the
   * server that holds it cannot open it until the master key is back.
   */
  'sealed box',
  /**
   * A column whose values moved to an `_enc` column: emptied by a backfill once the key is
   * loaded, kept (nullable) until a later migration drops it. Only an account made while sealed
   * (the first admin) is still written here, and sealed at the next unseal (decision 0015).
   */
  'retired',
] as const;

/** One kind of plain column. */
export type PlainKind = (typeof PLAIN_KINDS)[number];

/** A short reason: the kind, and optionally a word on this column ("hash: keyed HMAC of the sender's number"). */
export type PlainReason = PlainKind | `${PlainKind}: ${string}`;

/**
 * Columns a module keeps in the clear, by "table.column", each with its reason. Every column of
 * the schema is either here (in some module's face) or an encrypted column: the registry test
 * (`platform/crypto/column-registry.db.test.ts`) fails naming any column in neither.
 */
export type PlainColumns = Readonly<Record<`${string}.${string}`, PlainReason>>;

/** The kind a reason names ("hash: …" → "hash"). */
export function plainKindOf(reason: PlainReason): PlainKind {
  return reason.split(':')[0] as PlainKind;
}

/** Platform's own tables (the audit log, the key check, migrations): all plain by design. */
export const PLATFORM_PLAIN_COLUMNS: PlainColumns = {
  'audit_log.seq': 'id: position in the hash chain',
  'audit_log.network_id': 'id',
  'audit_log.actor_id': 'id',
  'audit_log.action': 'status',
  'audit_log.target_type': 'status',
  'audit_log.target_id': 'id',
  'audit_log.detail': 'log: ids, counts, statuses and role names; no contact, names or places',
  'audit_log.created_at': 'timestamp',
  'audit_log.prev_hash': 'hash: the audit chain',
  'audit_log.hash': 'hash: the audit chain',
  'audit_anchors.through_seq': 'id: position in the hash chain',
  'audit_anchors.through_hash': 'hash: the audit chain',
  'audit_anchors.entries_deleted': 'count',
  'audit_anchors.purged_at': 'timestamp',
  'system_state.key': 'status: which setting',
  'system_state.value': 'hash: the key check (an HMAC), the passphrase salt, the signed audit head',
  'schema_migrations.name': 'status: a migration file name',
  'schema_migrations.applied_at': 'timestamp',
};

/** What a seed stored that a stopped disk must not show in the clear; the cold-copy test looks for each. */
export interface SensitiveSeed {
  /** Words: people's names and emails, addresses, descriptions, contact, notes. */
  texts: { kind: 'name' | 'email' | 'address' | 'description' | 'contact' | 'note'; value: string }[];
  /** Exact points (a place anyone can find again). */
  points: { lat: number; lng: number }[];
}
