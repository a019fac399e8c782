import { useTranslation } from 'react-i18next';
import { NavLink, type RouteObject } from 'react-router';
import { lazyPage as page } from '../../kit/lazy-page.tsx';
import { useCareAccess } from './access.ts';
import './care.css';

/**
 * Screens of the care feature (deliveries), for signed-in people: app/router.tsx mounts them
 * inside the shell behind sign-in. No route carries an address: only ids of tasks, and only
 * in the driver's screen state.
 */
export const careRoutes: RouteObject[] = [
  {
    path: '/n/:slug/care',
    element: page(() => import('./components/TriagePage.tsx').then((m) => ({ default: m.TriagePage }))),
  },
  {
    path: '/n/:slug/care/tasks',
    element: page(() => import('./components/TasksPage.tsx').then((m) => ({ default: m.TasksPage }))),
  },
  {
    path: '/n/:slug/care/new',
    element: page(() => import('./components/NewRequestPage.tsx').then((m) => ({ default: m.NewRequestPage }))),
  },
  {
    path: '/n/:slug/care/mine',
    element: page(() => import('./components/MyTasksPage.tsx').then((m) => ({ default: m.MyTasksPage }))),
  },
  {
    path: '/n/:slug/care/rides',
    element: page(() => import('./components/RidesPage.tsx').then((m) => ({ default: m.RidesPage }))),
  },
  {
    path: '/n/:slug/care/my-rides',
    element: page(() => import('./components/MyRidesPage.tsx').then((m) => ({ default: m.MyRidesPage }))),
  },
  {
    path: '/n/:slug/care/rides/new',
    element: page(() => import('./components/NewRidePage.tsx').then((m) => ({ default: m.NewRidePage }))),
  },
  {
    path: '/n/:slug/care/hubs',
    element: page(() => import('./components/HubsPage.tsx').then((m) => ({ default: m.HubsPage }))),
  },
];

/** Header links to the delivery screens the signed-in person may use. */
export function CareNavLinks() {
  const { t } = useTranslation('care');
  const access = useCareAccess();
  if (!access?.member) return null;
  const base = `/n/${encodeURIComponent(access.slug)}/care`;
  // Any member files a request for a family; the other screens are for who runs deliveries.
  if (!access.tasks)
    return (
      <>
        <NavLink to={`${base}/new`}>{t('nav.file')}</NavLink>
        <NavLink to={`${base}/rides/new`}>{t('rides.file.title')}</NavLink>
      </>
    );
  return (
    <>
      {access.triage && (
        <NavLink to={base} end>
          {t('nav.triage')}
        </NavLink>
      )}
      <NavLink to={`${base}/tasks`}>{t('nav.tasks')}</NavLink>
      {access.driver && <NavLink to={`${base}/mine`}>{t('nav.mine')}</NavLink>}
      <NavLink to={`${base}/rides`} end>
        {t('rides.nav')}
      </NavLink>
      {access.driver && <NavLink to={`${base}/my-rides`}>{t('rides.navMine')}</NavLink>}
      {access.triage && <NavLink to={`${base}/hubs`}>{t('hubs.nav')}</NavLink>}
      <NavLink to={`${base}/new`}>{t('nav.file')}</NavLink>
      <NavLink to={`${base}/rides/new`}>{t('rides.file.title')}</NavLink>
    </>
  );
}
