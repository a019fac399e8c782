/** The shifts module's face: watch sites, recurring shifts, sign-ups, check-in, coverage and calendar feeds. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { SHIFTS_PLAIN_COLUMNS } from './shifts.columns.ts';
import { reportNoShows, sendReminders } from './shift-jobs.ts';
import { shiftPayloadHandler } from './shift-notices.ts';
import { SHIFTS_POLICY } from './shifts.policy.ts';
import { registerShiftsRoutes } from './shifts.routes.ts';
import { extendHorizon } from './shifts.service.ts';
import { sealSitesBatch } from './sites.repository.ts';
import { namedSites } from './site-places.repository.ts';

export const shiftsModule: SwitchboardModule = {
  name: 'shifts',
  tables: ['sites', 'shift_series', 'shift_slots', 'shift_occurrences', 'shift_signups', 'calendar_feeds'],
  encryptedColumns: [
    { table: 'sites', idColumn: 'id', column: 'notes_enc', purpose: 'contact' },
    { table: 'sites', idColumn: 'id', column: 'address_enc', purpose: 'address' },
    { table: 'sites', idColumn: 'id', column: 'point_enc', purpose: 'address' },
  ],
  // Site addresses and points from before 2026-12-04T0013 (or written while sealed).
  sealPlaintext: (deps) => sealSitesBatch(deps.database.db, deps.keyring),
  plainColumns: SHIFTS_PLAIN_COLUMNS,
  policy: SHIFTS_POLICY,
  routes: registerShiftsRoutes,
  jobs: (deps) => [
    { name: 'shift-reminders', everyMs: 60_000, run: () => sendReminders(deps) },
    { name: 'shift-no-shows', everyMs: 60_000, run: () => reportNoShows(deps) },
    { name: 'shift-horizon', everyMs: 60 * 60_000, run: () => extendHorizon(deps) },
  ],
  outboxHandlers: (deps) => ({ shift: shiftPayloadHandler(deps) }),
  // People name sites as places ("outside Roosevelt High"): the gazetteer includes them.
  provides: { 'places.namedSites': namedSites },
};

export { coverageRows, coverageView } from './coverage.repository.ts';
export { reportNoShows, sendReminders } from './shift-jobs.ts';
export { SHIFTS_POLICY } from './shifts.policy.ts';
export { extendHorizon, HORIZON_DAYS, materialize } from './shifts.service.ts';
/** The demo network's sites, watch shifts and slots (npm run demo). */
export { seedShiftsDemo, shiftsDemoSensitive } from './demo-seed.ts';
