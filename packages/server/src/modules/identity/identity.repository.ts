import type { Kysely, Transaction } from 'kysely';
import { fromJson, toBool, toIso } from '../../db/rows.ts';
import type { Dialect } from '../../db/database.ts';
import type { AccountsTable, DB } from '../../db/schema.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { emailLookup, emailLookups, normalizeEmail, revealPerson, sealedEmailHash } from './account-fields.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** An account row with JSON and booleans decoded. */
export interface AccountRow {
  id: string;
  email: string;
  passwordHash: string | null;
  displayName: string;
  language: string;
  languagesSpoken: string[];
  homeArea: string | null;
  notificationChannels: { email: boolean; sms: boolean; push: boolean };
  phoneEnc: string | null;
  isDeploymentAdmin: boolean;
  createdAt: string;
}

function toAccount(keyring: Keyring, r: AccountsTable): AccountRow {
  return {
    id: r.id,
    email: revealPerson(keyring, r.email, r.email_enc),
    passwordHash: r.password_hash,
    displayName: revealPerson(keyring, r.display_name, r.display_name_enc),
    language: r.language,
    languagesSpoken: fromJson(r.languages_spoken),
    homeArea: r.home_area,
    notificationChannels: fromJson(r.notification_channels),
    phoneEnc: r.phone_enc,
    isDeploymentAdmin: toBool(r.is_deployment_admin),
    createdAt: toIso(r.created_at),
  };
}

/**
 * Find an account by login email. Unsealed: by the blind index (or a plain email not yet
 * sealed). Sealed: only a plain email not yet sealed, or a deployment admin's slow hash
 * (docs/decisions/0015); anyone else cannot be found until the key is loaded.
 */
export async function findAccountByEmail(db: Db, keyring: Keyring, email: string): Promise<AccountRow | undefined> {
  const normalized = normalizeEmail(email);
  let q = db.selectFrom('accounts').selectAll();
  if (!keyring.sealed) {
    const lookups = emailLookups(keyring, normalized);
    q = q.where((eb) => eb.or([eb('email_lookup', 'in', lookups), eb('email', '=', normalized)]));
  } else {
    const hash = await sealedEmailHash(db, normalized);
    q = q.where((eb) =>
      eb.or([
        eb('email', '=', normalized),
        ...(hash ? [eb.and([eb('sealed_email_hash', '=', hash), eb('is_deployment_admin', '=', 1)])] : []),
      ]),
    );
  }
  const r = await q.executeTakeFirst();
  return r && toAccount(keyring, r);
}

/** Find an account by id. */
export async function findAccountById(db: Db, keyring: Keyring, id: string): Promise<AccountRow | undefined> {
  const r = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toAccount(keyring, r);
}

/** The columns an email and a name are stored in: encrypted when the key is loaded, else plain until sealPlaintext runs. */
async function personColumns(db: Db, keyring: Keyring, email: string, displayName: string, deploymentAdmin: boolean) {
  const normalized = normalizeEmail(email);
  const sealed_email_hash = deploymentAdmin ? ((await sealedEmailHash(db, normalized, true)) ?? null) : null;
  if (keyring.sealed) {
    // Only the CLI and tests make accounts while sealed; the row is sealed at the next unseal.
    return {
      email: normalized,
      email_enc: null,
      email_lookup: null,
      display_name: displayName,
      display_name_enc: null,
      sealed_email_hash,
    };
  }
  return {
    email: null,
    email_enc: keyring.encrypt('person', normalized),
    email_lookup: emailLookup(keyring, normalized),
    display_name: null,
    display_name_enc: keyring.encrypt('person', displayName),
    sealed_email_hash,
  };
}

/** Insert a new account. */
export async function insertAccount(
  db: Db,
  keyring: Keyring,
  a: {
    id: string;
    email: string;
    passwordHash: string | null;
    displayName: string;
    language: string;
    isDeploymentAdmin: boolean;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      id: a.id,
      ...(await personColumns(db, keyring, a.email, a.displayName, a.isDeploymentAdmin)),
      password_hash: a.passwordHash,
      language: a.language,
      languages_spoken: JSON.stringify([a.language]),
      home_area: null,
      notification_channels: JSON.stringify({ email: true, sms: false, push: false }),
      phone_enc: null,
      is_deployment_admin: a.isDeploymentAdmin ? 1 : 0,
      created_at: a.now.toISOString(),
    })
    .execute();
}

/**
 * Make an account a deployment admin (or not): the flag, and the slow hash of its email that
 * lets it sign in while sealed (kept for deployment admins only).
 */
export async function setDeploymentAdmin(db: Db, keyring: Keyring, id: string, on: boolean): Promise<void> {
  const account = await findAccountById(db, keyring, id);
  if (!account) return;
  const hash = on && account.email ? ((await sealedEmailHash(db, account.email, true)) ?? null) : null;
  await db
    .updateTable('accounts')
    .set({ is_deployment_admin: on ? 1 : 0, sealed_email_hash: hash })
    .where('id', '=', id)
    .execute();
}

/**
 * Move one batch of plaintext emails and names into their encrypted columns (rows from before
 * 2026-12-04T0012, or made while sealed) and clear the plain ones; deployment admins missing
 * their sealed sign-in hash get it. Returns how many rows changed; 0 when done (or only rows the
 * unique index refuses are left). Unsealed only.
 */
export async function sealAccountsBatch(db: Kysely<DB>, keyring: Keyring, limit = 200): Promise<number> {
  if (keyring.sealed) return 0;
  const rows = await db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('email', 'is not', null),
        eb('display_name', 'is not', null),
        // After a key rotation: the blind index under the old key is redone.
        eb.and([eb('email_lookup', 'is not', null), eb('email_lookup', 'not like', `${keyring.keyId}.%`)]),
        eb.and([eb('is_deployment_admin', '=', 1), eb('sealed_email_hash', 'is', null)]),
      ]),
    )
    .limit(limit)
    .execute();
  let sealed = 0;
  for (const r of rows) {
    const a = toAccount(keyring, r);
    const columns = await personColumns(db, keyring, a.email, a.displayName, a.isDeploymentAdmin);
    try {
      await db.updateTable('accounts').set(columns).where('id', '=', r.id).execute();
      sealed++;
    } catch (err) {
      // Made while sealed with the email of an existing member: the unique blind index refuses
      // it; it stays as it is (plain) for an operator to resolve, and the others go on.
      if (!/unique|duplicate/i.test(String((err as Error).message))) throw err;
    }
  }
  return sealed;
}

/** Update profile columns that were given. */
export async function updateAccount(
  db: Db,
  keyring: Keyring,
  id: string,
  patch: Partial<{
    displayName: string;
    language: string;
    languagesSpoken: string[];
    homeArea: string | null;
    notificationChannels: { email: boolean; sms: boolean; push: boolean };
    phoneEnc: string | null;
    passwordHash: string;
  }>,
): Promise<void> {
  const set: Record<string, string | number | null> = {};
  if (patch.displayName !== undefined) {
    // Sealed, nobody but a deployment admin is in, and they may not edit their profile.
    set.display_name_enc = keyring.encrypt('person', patch.displayName);
    set.display_name = null;
  }
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.languagesSpoken !== undefined) set.languages_spoken = JSON.stringify(patch.languagesSpoken);
  if (patch.homeArea !== undefined) set.home_area = patch.homeArea;
  if (patch.notificationChannels !== undefined) set.notification_channels = JSON.stringify(patch.notificationChannels);
  if (patch.phoneEnc !== undefined) set.phone_enc = patch.phoneEnc;
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
  if (Object.keys(set).length === 0) return;
  await db
    .updateTable('accounts')
    .set(set as Partial<AccountsTable>)
    .where('id', '=', id)
    .execute();
}

/** Lock an account row until the transaction ends (PostgreSQL; SQLite already holds one writer). */
export async function lockAccount(db: Transaction<DB>, dialect: Dialect, id: string): Promise<void> {
  const q = db.selectFrom('accounts').select('id').where('id', '=', id);
  await (dialect === 'postgres' ? q.forUpdate() : q).execute();
}

/** Accounts by id, for modules that show names or contact people (one query, however many ids). */
export async function findAccountsByIds(db: Db, keyring: Keyring, ids: readonly string[]): Promise<Map<string, AccountRow>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, AccountRow>();
  // Chunks stay under SQLite's bound-parameter limit.
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('accounts')
      .selectAll()
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, toAccount(keyring, r));
  }
  return out;
}

/** What others may know of accounts without decrypting anything (languages, coarse home area), by id. */
export async function findAccountProfilesByIds(db: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const out = new Map<string, { id: string; language: string; languagesSpoken: string[]; homeArea: string | null }>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'language', 'languages_spoken', 'home_area'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.id, { id: r.id, language: r.language, languagesSpoken: fromJson(r.languages_spoken), homeArea: r.home_area });
  }
  return out;
}

/** Accounts by login email, normalized (by the blind index; one query per 250 emails). Unsealed only. */
export async function findAccountsByEmails(
  db: Db,
  keyring: Keyring,
  emails: readonly string[],
): Promise<Map<string, AccountRow>> {
  const unique = [...new Set(emails.map(normalizeEmail))];
  const out = new Map<string, AccountRow>();
  for (let i = 0; i < unique.length; i += 250) {
    const chunk = unique.slice(i, i + 250);
    const lookups = chunk.flatMap((e) => emailLookups(keyring, e));
    const rows = await db
      .selectFrom('accounts')
      .selectAll()
      .where((eb) => eb.or([eb('email_lookup', 'in', lookups), eb('email', 'in', chunk)]))
      .execute();
    for (const r of rows) {
      const a = toAccount(keyring, r);
      out.set(normalizeEmail(a.email), a);
    }
  }
  return out;
}

/**
 * Of these accounts, those whose name or email contains `text` (case-insensitive), by name, at
 * most `limit`. Names and emails are encrypted, so the match and the sort happen after decryption.
 */
export async function searchAccountsAmong(db: Db, keyring: Keyring, ids: readonly string[], text: string, limit: number) {
  if (ids.length === 0) return [];
  const needle = text.toLowerCase();
  const found: { id: string; displayName: string }[] = [];
  for (const a of (await findAccountsByIds(db, keyring, ids)).values()) {
    if (a.displayName.toLowerCase().includes(needle) || a.email.toLowerCase().includes(needle))
      found.push({ id: a.id, displayName: a.displayName });
  }
  return found.sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0)).slice(0, limit);
}
