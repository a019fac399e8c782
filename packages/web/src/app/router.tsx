import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { HomePage } from '../features/identity/components/HomePage.tsx';
import { SignInPage } from '../features/identity/components/SignInPage.tsx';
import { NotFound } from './NotFound.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RouteError } from './RouteError.tsx';
import { Shell } from './Shell.tsx';
import { lazyPage as page } from '../kit/lazy-page.tsx';
import { shiftsRoutes } from '../features/shifts/routes.tsx';
import { trainingRoutes } from '../features/training/routes.tsx';
import { careRoutes } from '../features/care/routes.tsx';

// Sign-in and home ship in the first download; other screens load when opened (lazyPage).
const InvitePage = page(() => import('../features/identity/components/InvitePage.tsx').then((m) => ({ default: m.InvitePage })));
const ProfilePage = page(() =>
  import('../features/identity/components/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })),
);
const SessionsPage = page(() =>
  import('../features/identity/components/SessionsPage.tsx').then((m) => ({ default: m.SessionsPage })),
);
const UnsealPage = page(() => import('../features/identity/components/UnsealPage.tsx').then((m) => ({ default: m.UnsealPage })));
const PasskeysPage = page(() =>
  import('../features/identity/components/PasskeysPage.tsx').then((m) => ({ default: m.PasskeysPage })),
);
const NetworkPage = page(() =>
  import('../features/networks/components/NetworkPage.tsx').then((m) => ({ default: m.NetworkPage })),
);
const NetworkSettingsPage = page(() =>
  import('../features/networks/components/NetworkSettingsPage.tsx').then((m) => ({ default: m.NetworkSettingsPage })),
);
const DemoOutboxPage = page(() =>
  import('../features/networks/components/DemoOutboxPage.tsx').then((m) => ({ default: m.DemoOutboxPage })),
);
const VouchPage = page(() => import('../features/networks/components/VouchPage.tsx').then((m) => ({ default: m.VouchPage })));
const AuditPage = page(() => import('../features/networks/components/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const OrganizationPage = page(() =>
  import('../features/networks/components/OrganizationPage.tsx').then((m) => ({ default: m.OrganizationPage })),
);

const DispatchConsole = page(() =>
  import('../features/dispatch/components/DispatchConsole.tsx').then((m) => ({ default: m.DispatchConsole })),
);
const RespondPage = page(() =>
  import('../features/responder/components/RespondPage.tsx').then((m) => ({ default: m.RespondPage })),
);
const AlertsPage = page(() => import('../features/alerts/components/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })));

const guard = (el: ReactNode) => <RequireAuth>{el}</RequireAuth>;
// Features list their screens; the shell decides who may open them.
const signedIn = (route: RouteObject): RouteObject => ({ ...route, element: guard(route.element) });

export const router = createBrowserRouter([
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { path: '/', element: guard(<HomePage />) },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/invite/:token', element: InvitePage },
      // Public: explains a sealed server to anyone; only deployment admins get the form.
      { path: '/unseal', element: UnsealPage },
      { path: '/profile', element: guard(ProfilePage) },
      { path: '/profile/sessions', element: guard(SessionsPage) },
      { path: '/profile/passkeys', element: guard(PasskeysPage) },
      { path: '/n/:slug', element: guard(NetworkPage) },
      { path: '/n/:slug/settings', element: guard(NetworkSettingsPage) },
      { path: '/n/:slug/vouch', element: guard(VouchPage) },
      // Only a demo server (demo-start) has an outbox to show; elsewhere the page says so.
      { path: '/n/:slug/demo-outbox', element: guard(DemoOutboxPage) },
      { path: '/n/:slug/audit', element: guard(AuditPage) },
      { path: '/n/:slug/orgs/:orgId', element: guard(OrganizationPage) },
      // Wide: the console's columns need the laptop's width from the first frame (see Shell).
      { path: '/n/:slug/dispatch', element: guard(DispatchConsole), handle: { wide: true } },
      { path: '/n/:slug/respond', element: guard(RespondPage) },
      // Public: anyone can watch alerts and subscribe without an account.
      { path: '/n/:slug/alerts', element: AlertsPage },
      ...shiftsRoutes.map(signedIn),
      ...trainingRoutes.map(signedIn),
      ...careRoutes.map(signedIn),
      { path: '*', element: <NotFound /> },
    ],
  },
]);
