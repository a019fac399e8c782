import type { RouteObject } from 'react-router';

/** Screens of the shifts feature, mounted by app/router.tsx inside the shell. */
export const shiftsRoutes: RouteObject[] = [];

/** Header links to the shifts screens for the signed-in person (none yet). */
export function ShiftsNavLinks() {
  return null;
}
