// Maps load on their own, after the screen that shows them: the first download of the
// app does not grow, and a list screen is usable before its map arrives.
import { lazy, Suspense, type ComponentProps } from 'react';

const IncidentsMapLazy = lazy(() => import('./IncidentsMap.tsx').then((m) => ({ default: m.IncidentsMap })));
const AlertsMapLazy = lazy(() => import('./AlertsMap.tsx').then((m) => ({ default: m.AlertsMap })));

/** The dispatcher's incident map (lazily loaded). */
export function IncidentsMap(props: ComponentProps<typeof IncidentsMapLazy>) {
  return (
    <Suspense fallback={null}>
      <IncidentsMapLazy {...props} />
    </Suspense>
  );
}

/** The public alert map (lazily loaded). */
export function AlertsMap(props: ComponentProps<typeof AlertsMapLazy>) {
  return (
    <Suspense fallback={null}>
      <AlertsMapLazy {...props} />
    </Suspense>
  );
}
