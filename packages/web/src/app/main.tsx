import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError } from '../kit/api.ts';
import { i18next } from './i18n.ts';
import { ME_KEY } from '../kit/session.ts';
import { router } from './router.tsx';
import './styles.css';

// A session that ends mid-work (revoked on another device, expired) sends the
// person to sign-in, and back to where they were afterwards.
const onError = (e: unknown) => {
  if (e instanceof ApiError && (e.code === 'unauthenticated' || e.code === 'session_expired')) {
    queryClient.setQueryData(ME_KEY, null);
  }
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: { refetchOnWindowFocus: true, retry: 1 },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18next}>
      <QueryClientProvider client={queryClient}>
        {/* Suspends only while a language file loads (a few kB). */}
        <Suspense fallback={null}>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      /* the app works without it */
    });
  });
}
