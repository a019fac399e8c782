import type { RouteObject } from 'react-router';

/** Screens of the training feature, mounted by app/router.tsx inside the shell. */
export const trainingRoutes: RouteObject[] = [];

/** Header links to the training screens for the signed-in person (none yet). */
export function TrainingNavLinks() {
  return null;
}
