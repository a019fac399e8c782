import { createBrowserRouter } from 'react-router';
import { HomePage } from '../features/identity/components/HomePage.tsx';
import { InvitePage } from '../features/identity/components/InvitePage.tsx';
import { PasskeysPage } from '../features/identity/components/PasskeysPage.tsx';
import { ProfilePage } from '../features/identity/components/ProfilePage.tsx';
import { SessionsPage } from '../features/identity/components/SessionsPage.tsx';
import { SignInPage } from '../features/identity/components/SignInPage.tsx';
import { AuditPage } from '../features/networks/components/AuditPage.tsx';
import { NetworkPage } from '../features/networks/components/NetworkPage.tsx';
import { NetworkSettingsPage } from '../features/networks/components/NetworkSettingsPage.tsx';
import { OrganizationPage } from '../features/networks/components/OrganizationPage.tsx';
import { VouchPage } from '../features/networks/components/VouchPage.tsx';
import { NotFound } from './NotFound.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RouteError } from './RouteError.tsx';
import { Shell } from './Shell.tsx';

const guard = (el: React.ReactNode) => <RequireAuth>{el}</RequireAuth>;

export const router = createBrowserRouter([
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { path: '/', element: guard(<HomePage />) },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/invite/:token', element: <InvitePage /> },
      { path: '/profile', element: guard(<ProfilePage />) },
      { path: '/profile/sessions', element: guard(<SessionsPage />) },
      { path: '/profile/passkeys', element: guard(<PasskeysPage />) },
      { path: '/n/:slug', element: guard(<NetworkPage />) },
      { path: '/n/:slug/settings', element: guard(<NetworkSettingsPage />) },
      { path: '/n/:slug/vouch', element: guard(<VouchPage />) },
      { path: '/n/:slug/audit', element: guard(<AuditPage />) },
      { path: '/n/:slug/orgs/:orgId', element: guard(<OrganizationPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
