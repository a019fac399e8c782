/**
 * Signed checkpoints of the audit chain (decision 0013). The plain head in system_state can be
 * rewritten by anyone who can write the database; a checkpoint carries an HMAC under a key
 * derived from the master key, so it cannot be made without the key. One copy sits in
 * system_state; an optional second copy is appended, one line per checkpoint, to a file the
 * database cannot write (SWITCHBOARD_AUDIT_EXPORT_FILE), so even replacing the database's copy
 * by an older genuine one shows.
 */
import { timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { readState, writeState } from '../state/system-state.ts';

const CHECKPOINT_KEY = 'audit_checkpoint';

/** One signed statement: "the chain had `seq` entries, the last with `hash`, at `at`". */
export interface AuditCheckpoint {
  v: 1;
  seq: number;
  hash: string;
  at: string;
  /** Which master key signed it (Keyring.keyId), so checkpoints survive rotation. */
  keyId: string;
  mac: string;
}

/** What the MAC covers, in a fixed order, with a label so it means nothing anywhere else. */
function macMessage(c: Omit<AuditCheckpoint, 'mac'>): string {
  return `switchboard-audit-checkpoint:v${c.v}:${c.seq}:${c.hash}:${c.at}:${c.keyId}`;
}

/** Sign the head at `now` with the loaded key. */
export function signCheckpoint(keyring: Keyring, head: { seq: number; hash: string }, now: Date): AuditCheckpoint {
  const body = { v: 1 as const, seq: head.seq, hash: head.hash, at: now.toISOString(), keyId: keyring.keyId };
  return { ...body, mac: keyring.auditCheckpointMac(macMessage(body)) };
}

/**
 * Whether the checkpoint was signed by the loaded key or an earlier one still loaded
 * (SWITCHBOARD_PREVIOUS_KEY_FILE); 'unknown-key' when its key is neither.
 */
export function checkCheckpoint(keyring: Keyring, c: AuditCheckpoint): 'valid' | 'forged' | 'unknown-key' {
  const signer = [keyring, ...keyring.previousKeyrings()].find((k) => k.keyId === c.keyId);
  if (!signer) return 'unknown-key';
  const expected = Buffer.from(signer.auditCheckpointMac(macMessage(c)), 'hex');
  const given = Buffer.from(c.mac, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'valid' : 'forged';
}

/** A checkpoint from its stored text, or undefined when it is not one (which verify calls forged). */
export function parseCheckpoint(text: string): AuditCheckpoint | undefined {
  try {
    const c = JSON.parse(text) as Partial<AuditCheckpoint>;
    const ok =
      c.v === 1 &&
      Number.isSafeInteger(c.seq) &&
      (c.seq as number) >= 0 &&
      typeof c.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(c.hash) &&
      typeof c.at === 'string' &&
      typeof c.keyId === 'string' &&
      typeof c.mac === 'string' &&
      /^[0-9a-f]{64}$/.test(c.mac);
    return ok ? (c as AuditCheckpoint) : undefined;
  } catch {
    return undefined;
  }
}

type Executor = Kysely<DB> | Transaction<DB>;

/** The database's copy: undefined when none was ever written, 'unparsable' when it is not a checkpoint. */
export async function readStoredCheckpoint(db: Executor): Promise<AuditCheckpoint | 'unparsable' | undefined> {
  const text = await readState(db, CHECKPOINT_KEY);
  if (text === undefined) return undefined;
  return parseCheckpoint(text) ?? 'unparsable';
}

/** Replace the database's copy. */
export async function storeCheckpoint(db: Executor, c: AuditCheckpoint): Promise<void> {
  await writeState(db, CHECKPOINT_KEY, JSON.stringify(c));
}

/** Append one line to the export file (created owner-only if missing). */
export function exportCheckpoint(file: string, c: AuditCheckpoint): void {
  appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o600 });
}

/** Every line of the export file, with its number; a line that is not a checkpoint comes back without one. */
export function readExportedCheckpoints(file: string): Array<{ line: number; checkpoint?: AuditCheckpoint }> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ line: i + 1, text }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ line, text }) => ({ line, checkpoint: parseCheckpoint(text) }));
}

/** Where a checkpoint was read from, for the report. */
export type CheckpointSource = 'database' | `export file line ${number}`;

/** The checkpoints verify weighs: the database's copy and the export file's lines. */
export interface CheckpointCandidates {
  stored: AuditCheckpoint | 'unparsable' | undefined;
  exported: Array<{ line: number; checkpoint?: AuditCheckpoint }>;
}

/** Gather the candidates (the export file only when one is configured). */
export async function gatherCheckpoints(db: Executor, exportFile: string | undefined): Promise<CheckpointCandidates> {
  return { stored: await readStoredCheckpoint(db), exported: exportFile ? readExportedCheckpoints(exportFile) : [] };
}

/** The seqs whose hashes verify must note while walking the chain. */
export function checkpointSeqs(c: CheckpointCandidates): Set<number> {
  const seqs = new Set<number>();
  if (c.stored && c.stored !== 'unparsable') seqs.add(c.stored.seq);
  for (const e of c.exported) if (e.checkpoint) seqs.add(e.checkpoint.seq);
  return seqs;
}

/** What the signed checkpoints say about a chain that is otherwise intact. */
export interface CheckpointJudgement {
  problem?: { reason: string; brokenAt: number; source: CheckpointSource };
  summary: {
    checked: true;
    /** The newest genuine checkpoint's seq and time. */
    newestSeq?: number;
    newestAt?: string;
    /** Entries after the newest genuine checkpoint (appended while sealed, or in the last moments). */
    unsignedEntries: number;
    exportLines: number;
    /** Export lines signed by a key no longer loaded (rotated away): not checked, not counted. */
    retiredKeyLines: number;
  };
}

/**
 * Every genuine checkpoint must lie within the chain and name the hash the chain has at its
 * seq. A checkpoint ahead of the rows means the tail was cut; one whose MAC fails was forged.
 * A checkpoint at or before the retention anchor is behind the purged front and says nothing.
 */
export function judgeCheckpoints(
  keyring: Keyring,
  c: CheckpointCandidates,
  chain: { anchorSeq: number; lastSeq: number; hashAt: ReadonlyMap<number, string> },
): CheckpointJudgement {
  const genuine: Array<{ checkpoint: AuditCheckpoint; source: CheckpointSource }> = [];
  let retiredKeyLines = 0;
  const forged = (source: CheckpointSource) => ({
    problem: { reason: 'forged checkpoint', brokenAt: chain.lastSeq + 1, source },
    summary: summary(),
  });
  function summary(): CheckpointJudgement['summary'] {
    const newest = genuine.reduce<AuditCheckpoint | undefined>(
      (n, g) => (!n || g.checkpoint.seq > n.seq ? g.checkpoint : n),
      undefined,
    );
    return {
      checked: true,
      newestSeq: newest?.seq,
      newestAt: newest?.at,
      unsignedEntries: chain.lastSeq - (newest?.seq ?? 0),
      exportLines: c.exported.length,
      retiredKeyLines,
    };
  }

  if (c.stored === 'unparsable') return forged('database');
  if (c.stored) {
    // The server re-signs the head under the current key at every start, so the database's copy
    // is always under a loaded key: an unknown key there is a forgery too.
    if (checkCheckpoint(keyring, c.stored) !== 'valid') return forged('database');
    genuine.push({ checkpoint: c.stored, source: 'database' });
  }
  for (const e of c.exported) {
    const source = `export file line ${e.line}` as const;
    if (!e.checkpoint) return forged(source);
    const verdict = checkCheckpoint(keyring, e.checkpoint);
    if (verdict === 'forged') return forged(source);
    if (verdict === 'unknown-key') retiredKeyLines++;
    else genuine.push({ checkpoint: e.checkpoint, source });
  }
  for (const { checkpoint, source } of genuine) {
    if (checkpoint.seq > chain.lastSeq)
      return { problem: { reason: 'entries missing at the end', brokenAt: chain.lastSeq + 1, source }, summary: summary() };
    if (checkpoint.seq > chain.anchorSeq && chain.hashAt.get(checkpoint.seq) !== checkpoint.hash)
      return {
        problem: { reason: 'checkpoint does not match the chain', brokenAt: checkpoint.seq, source },
        summary: summary(),
      };
  }
  if (!c.stored && chain.lastSeq > 0)
    return { problem: { reason: 'no signed checkpoint', brokenAt: chain.lastSeq, source: 'database' }, summary: summary() };
  return { summary: summary() };
}
