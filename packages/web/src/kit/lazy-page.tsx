import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from './ui.tsx';

/** A screen that downloads when first opened (so it stays out of the first download). */
export function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  const Component = lazy(load);
  return (
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  );
}
