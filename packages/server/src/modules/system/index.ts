/** The system module's face: whether the server is sealed, and unsealing it. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { systemRoutes } from './system.routes.ts';

export const systemModule: SwitchboardModule = {
  name: 'system',
  // Key binding and the audit chain live in platform (platform/crypto, platform/audit).
  tables: [],
  routes: systemRoutes,
};

export { unsealAtStart, type StartPrompt } from './unseal-at-start.ts';
export type { Unsealed } from './system.events.ts';
