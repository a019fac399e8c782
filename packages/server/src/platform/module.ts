import type { FastifyInstance } from 'fastify';
import type { DB } from '../db/schema.ts';
import type { PolicyTable } from './access/policy.ts';
import type { Deps } from './context.ts';
import type { EncryptedColumn } from './crypto/encrypted-columns.ts';
import type { PlainColumns } from './crypto/plain-columns.ts';
import type { ScheduledJob } from './jobs.ts';
import type { PayloadHandler } from './outbox-handler.ts';
import type { EventHandlers, HookProviders } from './wiring.ts';

/** What one purge run of a module removed or blurred, by kind (e.g. `{ reportsDeleted: 3 }`). */
export type PurgeCounts = Record<string, number>;

/**
 * The face every server module shows (its `index.ts` exports one as `module`, beside the
 * few functions other modules may call). The app and the server loop over the list in
 * `src/modules.ts`; adding a module is adding its folder and one line there.
 */
export interface SwitchboardModule {
  /** The folder name. */
  readonly name: string;
  /** Tables only this module's repositories query (test/architecture checks it). */
  readonly tables: readonly (keyof DB)[];
  /** Columns holding ciphertexts: key rotation re-encrypts exactly these. */
  readonly encryptedColumns?: readonly EncryptedColumn[];
  /**
   * Every other column of its tables, by "table.column", with why it may stay in the clear
   * ("id", "coarse cell", "hash: …"). A column in neither list fails the registry test, and
   * the cold-copy test looks on the stopped disk for every seeded value.
   */
  readonly plainColumns?: PlainColumns;
  /**
   * Encryption at rest of what was stored before it (or while sealed): move one batch of
   * plaintext into its encrypted columns and clear the plain ones. Returns how many rows it
   * changed, 0 when nothing is left. Run only unsealed: in the background (sealPlaintextAll) and by
   * `switchboard keys seal`.
   */
  sealPlaintext?(deps: Deps): Promise<number>;
  /** The permission table (role × action × sharing); authorization tests are generated from it. */
  readonly policy?: PolicyTable;
  /** Register HTTP routes. */
  routes?(app: FastifyInstance, deps: Deps): Promise<void>;
  /** Scheduled jobs the server runs. */
  jobs?(deps: Deps): ScheduledJob[];
  /** Outbox payload renderers, keyed by payload `type`. */
  outboxHandlers?(deps: Deps): Record<string, PayloadHandler>;
  /** Reactions to other modules' domain events. */
  readonly eventHandlers?: EventHandlers;
  /** Answers to other modules' hooks. */
  readonly provides?: HookProviders;
  /** Retention: delete or blur what has been kept long enough. Run by the purge job and `switchboard purge`. */
  purge?(deps: Deps): Promise<PurgeCounts>;
}
