import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findAccountProfilesByIds, findAccountsByIds } from '../identity/index.ts';
import { certifiedQualifications } from '../training/index.ts';
import * as repo from './dispatch.repository.ts';
import type { CertifiedQualification } from './responder-index.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A responder as dispatch sees them: stored availability, languages spoken (identity), certifications (training). */
export interface ResponderRow extends repo.StoredResponder {
  languages: string[];
  /** Qualifications from certifications valid at load time, with when each lapses. */
  certified: CertifiedQualification[];
}

/** Add languages and certified qualifications (valid at `at`) to stored responder rows: two queries in all. */
async function withProfiles(
  db: Db,
  networkId: string,
  rows: repo.StoredResponder[],
  at: Date,
  wholeNetwork = false,
): Promise<ResponderRow[]> {
  const ids = rows.map((r) => r.accountId);
  // For a whole network's index, one query for every certification beats a list of ids.
  const [accounts, certified] = await Promise.all([
    findAccountProfilesByIds(db, ids),
    certifiedQualifications(db, networkId, at, wholeNetwork ? undefined : ids),
  ]);
  return rows
    .filter((r) => accounts.has(r.accountId))
    .map((r) => ({
      ...r,
      languages: accounts.get(r.accountId)!.languagesSpoken,
      certified: (certified.get(r.accountId) ?? []).map((c) => ({
        qualification: c.qualification,
        expiresAt: c.expiresAt === null ? null : Date.parse(c.expiresAt),
      })),
    }));
}

/** Available responders of a network, to build the responder index. */
export async function listAvailableResponders(db: Db, networkId: string, at: Date): Promise<ResponderRow[]> {
  return withProfiles(db, networkId, await repo.listAvailableResponderRows(db, networkId), at, true);
}

/** One responder (qualifications default to none), with certified qualifications valid at `at`. */
export async function findResponder(db: Db, networkId: string, accountId: string, at: Date): Promise<ResponderRow | undefined> {
  return (await withProfiles(db, networkId, await repo.listResponderRows(db, networkId, [accountId]), at))[0];
}

/** Dispatches of an incident with responder names, oldest first. */
export async function listDispatchesOfIncident(db: Db, keyring: Keyring, incidentId: string) {
  const rows = await repo.listDispatchRows(db, incidentId);
  const accounts = await findAccountsByIds(
    db,
    keyring,
    rows.map((r) => r.accountId),
  );
  return rows.map((r) => ({ ...r, displayName: accounts.get(r.accountId)?.displayName ?? '' }));
}
