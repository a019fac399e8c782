import { alertsModule } from './modules/alerts/index.ts';
import { careModule } from './modules/care/index.ts';
import { demoOutboxModule } from './modules/demo-outbox/index.ts';
import { dispatchModule } from './modules/dispatch/index.ts';
import { fundsModule } from './modules/funds/index.ts';
import { identityModule } from './modules/identity/index.ts';
import { mapModule } from './modules/map/index.ts';
import { networksModule } from './modules/networks/index.ts';
import { notifyModule } from './modules/notify/index.ts';
import { placesModule } from './modules/places/index.ts';
import { publicIntakeModule } from './modules/public-intake/index.ts';
import { reportsModule } from './modules/reports/index.ts';
import { shiftsModule } from './modules/shifts/index.ts';
import { systemModule } from './modules/system/index.ts';
import { trainingModule } from './modules/training/index.ts';
import type { Deps } from './platform/context.ts';
import type { EncryptedColumn } from './platform/crypto/encrypted-columns.ts';
import { PLATFORM_PLAIN_COLUMNS, type PlainReason } from './platform/crypto/plain-columns.ts';
import type { ScheduledJob } from './platform/jobs.ts';
import type { PurgeCounts, SwitchboardModule } from './platform/module.ts';
import type { PayloadHandler } from './platform/outbox-handler.ts';
import { Wiring } from './platform/wiring.ts';

/**
 * Every server module, lowest first: a module may use those before it, never those after
 * (test/architecture checks the imports). Adding a module is adding its folder and a line here.
 */
export const MODULES: readonly SwitchboardModule[] = [
  notifyModule,
  identityModule,
  networksModule,
  demoOutboxModule,
  placesModule,
  systemModule,
  mapModule,
  trainingModule,
  shiftsModule,
  careModule,
  fundsModule,
  reportsModule,
  dispatchModule,
  alertsModule,
  publicIntakeModule,
];

/** The modules' event handlers and hooks, for the deps of an app, the CLI or a test. */
export function wireModules(modules: readonly SwitchboardModule[] = MODULES): Wiring {
  return new Wiring(modules);
}

/** Every encrypted column of every module: what key rotation re-encrypts. */
export function encryptedColumns(modules: readonly SwitchboardModule[] = MODULES): EncryptedColumn[] {
  return modules.flatMap((m) => m.encryptedColumns ?? []);
}

/** One column kept in the clear, with its reason and who declared it (a module's name, or platform). */
export interface PlainColumn {
  table: string;
  column: string;
  reason: PlainReason;
  owner: string;
}

/** Every column kept in the clear on purpose: platform's own and every module's `plainColumns`. */
export function plainColumns(modules: readonly SwitchboardModule[] = MODULES): PlainColumn[] {
  const of = (owner: string, list: Readonly<Record<string, PlainReason>>) =>
    Object.entries(list).map(([key, reason]) => {
      const [table, column] = key.split('.');
      return { table, column, reason, owner };
    });
  return [...of('platform', PLATFORM_PLAIN_COLUMNS), ...modules.flatMap((m) => of(m.name, m.plainColumns ?? {}))];
}

/** Every module's scheduled jobs. */
export function scheduledJobs(deps: Deps, modules: readonly SwitchboardModule[] = MODULES): ScheduledJob[] {
  return modules.flatMap((m) => m.jobs?.(deps) ?? []);
}

/** Every module's outbox payload handlers, by payload type (a type claimed twice is a start-up error). */
export function outboxHandlers(deps: Deps, modules: readonly SwitchboardModule[] = MODULES): Record<string, PayloadHandler> {
  const all: Record<string, PayloadHandler> = {};
  for (const m of modules) {
    for (const [type, handler] of Object.entries(m.outboxHandlers?.(deps) ?? {})) {
      if (all[type]) throw new Error(`outbox payload type ${type} is handled twice (module ${m.name})`);
      all[type] = handler;
    }
  }
  return all;
}

/** Run every module's retention purge, one after another; the counts of all of them. */
export async function purgeAll(deps: Deps, modules: readonly SwitchboardModule[] = MODULES): Promise<PurgeCounts> {
  const total: PurgeCounts = {};
  for (const m of modules) Object.assign(total, (await m.purge?.(deps)) ?? {});
  return total;
}

/**
 * Seal every module's leftover plaintext, batch by batch, yielding between batches (started
 * beside key rotation, once the key is loaded; does nothing while sealed). Returns the rows sealed.
 */
export async function sealPlaintextAll(deps: Deps, modules: readonly SwitchboardModule[] = MODULES): Promise<number> {
  let total = 0;
  for (const m of modules) {
    if (!m.sealPlaintext) continue;
    for (;;) {
      if (deps.keyring.sealed) return total;
      const n = await m.sealPlaintext(deps);
      if (n === 0) break;
      total += n;
      await new Promise((r) => setImmediate(r));
    }
  }
  return total;
}
