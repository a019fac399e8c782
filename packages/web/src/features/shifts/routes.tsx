import { useTranslation } from 'react-i18next';
import { NavLink, type RouteObject } from 'react-router';
import { lazyPage as page } from '../../kit/lazy-page.tsx';
import { useShiftsAccess } from './access.ts';
import './shifts.css';

/** Screens of the shifts feature, all for signed-in people: app/router.tsx mounts them inside the shell behind sign-in. */
export const shiftsRoutes: RouteObject[] = [
  {
    path: '/n/:slug/shifts',
    element: page(() => import('./components/OpenShiftsPage.tsx').then((m) => ({ default: m.OpenShiftsPage }))),
  },
  {
    path: '/n/:slug/shifts/mine',
    element: page(() => import('./components/MyShiftsPage.tsx').then((m) => ({ default: m.MyShiftsPage }))),
  },
  {
    path: '/n/:slug/shifts/coverage',
    element: page(() => import('./components/CoveragePage.tsx').then((m) => ({ default: m.CoveragePage }))),
  },
  { path: '/n/:slug/sites', element: page(() => import('./components/SitesPage.tsx').then((m) => ({ default: m.SitesPage }))) },
  {
    path: '/n/:slug/sites/:siteId',
    element: page(() => import('./components/SitePage.tsx').then((m) => ({ default: m.SitePage }))),
  },
];

/** Header links to the shifts screens the signed-in person may use. */
export function ShiftsNavLinks() {
  const { t } = useTranslation('shifts');
  const access = useShiftsAccess();
  if (!access?.member) return null;
  const base = `/n/${encodeURIComponent(access.slug)}`;
  return (
    <>
      <NavLink to={`${base}/shifts`} end>
        {t('nav.open')}
      </NavLink>
      <NavLink to={`${base}/shifts/mine`}>{t('nav.mine')}</NavLink>
      <NavLink to={`${base}/sites`} end>
        {t('nav.sites')}
      </NavLink>
      {access.coordinator && <NavLink to={`${base}/shifts/coverage`}>{t('nav.coverage')}</NavLink>}
    </>
  );
}
