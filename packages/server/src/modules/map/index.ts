/** What other modules may use from map. */
export { mapRoutes } from './map.routes.ts';
