import { type Kysely, sql } from 'kysely';
import type { Dialect } from './database.ts';
import * as foundation from './migrations/2026-11-29T0001-foundation.ts';
import * as rapidResponse from './migrations/2026-11-29T0002-rapid-response.ts';
import * as training from './migrations/2026-11-29T0003-training.ts';
import * as shifts from './migrations/2026-11-29T0004-shifts.ts';
import * as alertConfirmation from './migrations/2026-11-29T0005-alert-confirmation.ts';
import * as shiftEdits from './migrations/2026-11-29T0006-shift-edits.ts';
import * as auditRetention from './migrations/2026-11-29T0007-audit-retention.ts';
import * as sessionAuthMethod from './migrations/2026-11-29T0008-session-auth-method.ts';
import * as places from './migrations/2026-12-03T0009-places.ts';
import * as occurrenceRevisions from './migrations/2026-12-04T0010-occurrence-revisions.ts';
import * as sealedReports from './migrations/2026-12-04T0011-sealed-reports.ts';
import * as sealedPeople from './migrations/2026-12-04T0012-sealed-people.ts';
import * as sealedSites from './migrations/2026-12-04T0013-sealed-sites.ts';
import * as sealedIntake from './migrations/2026-12-04T0014-sealed-intake.ts';
import * as care from './migrations/2026-12-04T0015-care.ts';
import * as careHubs from './migrations/2026-12-05T0016-care-hubs.ts';
import * as careRides from './migrations/2026-12-05T0017-care-rides.ts';
import * as careOffers from './migrations/2026-12-05T0018-care-offers.ts';
import * as careTaskAreaIndex from './migrations/2026-12-05T0019-care-task-area-index.ts';
import * as funds from './migrations/2026-12-05T0020-funds.ts';

/** One migration: dated name, frozen once landed. */
interface Migration {
  name: string;
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
  /** SQLite only: run with foreign keys off (a table rebuild), checked before commit. */
  foreignKeysOff?: boolean;
}

/** Every migration in order. Add new ones at the end; never edit a landed one. */
const MIGRATIONS: Migration[] = [
  { name: '2026-11-29T0001-foundation', ...foundation },
  { name: '2026-11-29T0002-rapid-response', ...rapidResponse },
  { name: '2026-11-29T0003-training', ...training },
  { name: '2026-11-29T0004-shifts', ...shifts },
  { name: '2026-11-29T0005-alert-confirmation', ...alertConfirmation },
  { name: '2026-11-29T0006-shift-edits', ...shiftEdits },
  { name: '2026-11-29T0007-audit-retention', ...auditRetention },
  { name: '2026-11-29T0008-session-auth-method', ...sessionAuthMethod },
  { name: '2026-12-03T0009-places', ...places },
  { name: '2026-12-04T0010-occurrence-revisions', ...occurrenceRevisions },
  { name: '2026-12-04T0011-sealed-reports', ...sealedReports },
  { name: '2026-12-04T0012-sealed-people', ...sealedPeople },
  { name: '2026-12-04T0013-sealed-sites', ...sealedSites },
  { name: '2026-12-04T0014-sealed-intake', ...sealedIntake },
  { name: '2026-12-04T0015-care', ...care },
  { name: '2026-12-05T0016-care-hubs', ...careHubs },
  { name: '2026-12-05T0017-care-rides', ...careRides },
  { name: '2026-12-05T0018-care-offers', ...careOffers },
  { name: '2026-12-05T0019-care-task-area-index', ...careTaskAreaIndex },
  { name: '2026-12-05T0020-funds', ...funds },
];

/**
 * Apply pending migrations, each in its own transaction. Kysely's own Migrator
 * does not hand the dialect to migrations, which our column kinds need.
 */
export async function migrate(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey().notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied = new Set((await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name as string));
  const ran: string[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.name)) continue;
    // SQLite ignores the foreign_keys pragma inside a transaction: it is switched off around it.
    const fkOff = dialect === 'sqlite' && m.foreignKeysOff === true;
    if (fkOff) await sql`pragma foreign_keys = off`.execute(db);
    try {
      await db.transaction().execute(async (trx) => {
        await m.up(trx, dialect);
        if (fkOff) {
          const broken = await sql`pragma foreign_key_check`.execute(trx);
          if (broken.rows.length > 0) throw new Error(`${m.name} would break ${broken.rows.length} foreign keys`);
        }
        await trx.insertInto('schema_migrations').values({ name: m.name, applied_at: new Date().toISOString() }).execute();
      });
    } finally {
      if (fkOff) await sql`pragma foreign_keys = on`.execute(db);
    }
    ran.push(m.name);
  }
  return ran;
}
