/** The places module's face: a network's gazetteer (named areas and places) and the resolver every intake door uses. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { PLACES_PLAIN_COLUMNS } from './places.columns.ts';
import { PLACES_POLICY } from './places.policy.ts';
import { placesRoutes } from './places.routes.ts';

export const placesModule: SwitchboardModule = {
  name: 'places',
  tables: ['places'],
  plainColumns: PLACES_PLAIN_COLUMNS,
  policy: PLACES_POLICY,
  routes: placesRoutes,
};

export { PLACES_POLICY } from './places.policy.ts';
export {
  areaNameAt,
  cellsOfAreas,
  locate,
  placeById,
  resolvePlace,
  type Location,
  type ResolvedPlace,
} from './places.service.ts';
export { normalizeName as placeKey } from './normalize.ts';
export { placeNames } from './places.repository.ts';
export { loadPlaces } from './import.service.ts';
