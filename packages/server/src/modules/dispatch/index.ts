/** The dispatch module's face: responder availability, dispatching and the response-time dashboard. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { DISPATCH_PLAIN_COLUMNS } from './dispatch.columns.ts';
import { hasOnSceneDispatch } from './dispatch.repository.ts';
import { DISPATCH_POLICY } from './dispatch.policy.ts';
import { dispatchRoutes } from './dispatch.routes.ts';
import { expireDispatches } from './dispatch.service.ts';
import { dispatchPayloadHandler } from './dispatch-notice.ts';
import { listAvailableResponders, listDispatchesOfIncident } from './responder-profiles.ts';
import { refreshResponders } from './responders.service.ts';

export const dispatchModule: SwitchboardModule = {
  name: 'dispatch',
  tables: ['responders', 'dispatches'],
  plainColumns: DISPATCH_PLAIN_COLUMNS,
  policy: DISPATCH_POLICY,
  routes: dispatchRoutes,
  jobs: (deps) => [{ name: 'dispatch-timeouts', everyMs: 15_000, run: () => expireDispatches(deps) }],
  outboxHandlers: (deps) => ({ dispatch: dispatchPayloadHandler(deps) }),
  eventHandlers: {
    // A certification changes who is dispatchable, in every process's responder index.
    'training.certificationsChanged': (deps, e) => refreshResponders(deps, e.networkId, e.accountIds),
  },
  provides: {
    'reports.hasOnSceneDispatch': hasOnSceneDispatch,
    'reports.dispatchesOf': listDispatchesOfIncident,
    'training.availableResponders': async (db, networkId, at) =>
      (await listAvailableResponders(db, networkId, at)).map((r) => ({ accountId: r.accountId, cell: r.cell! })),
  },
};

export { DISPATCH_POLICY } from './dispatch.policy.ts';
export { expireDispatches } from './dispatch.service.ts';
