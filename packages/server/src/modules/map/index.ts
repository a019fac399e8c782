/** The map module's face: self-hosted map tiles (no third-party tile server). */
import type { SwitchboardModule } from '../../platform/module.ts';
import { mapRoutes } from './map.routes.ts';

export const mapModule: SwitchboardModule = {
  name: 'map',
  tables: [],
  routes: mapRoutes,
};
