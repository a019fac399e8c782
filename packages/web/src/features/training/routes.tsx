import { useTranslation } from 'react-i18next';
import { NavLink, type RouteObject } from 'react-router';
import { lazyPage as page } from '../../kit/lazy-page.tsx';
import { useTrainingAccess } from './access.ts';
import './training.css';

/** Screens of the training feature, all for signed-in people: app/router.tsx mounts them inside the shell behind sign-in. */
export const trainingRoutes: RouteObject[] = [
  {
    path: '/n/:slug/training',
    element: page(() => import('./components/TrainingHome.tsx').then((m) => ({ default: m.TrainingHome }))),
  },
  {
    path: '/n/:slug/training/sessions/new',
    element: page(() => import('./components/NewSessionPage.tsx').then((m) => ({ default: m.NewSessionPage }))),
  },
  {
    path: '/n/:slug/training/sessions/:sessionId/edit',
    element: page(() => import('./components/EditSessionPage.tsx').then((m) => ({ default: m.EditSessionPage }))),
  },
  {
    path: '/n/:slug/training/sessions/:sessionId/attendance',
    element: page(() => import('./components/AttendancePage.tsx').then((m) => ({ default: m.AttendancePage }))),
  },
  {
    path: '/n/:slug/training/courses',
    element: page(() => import('./components/CoursesPage.tsx').then((m) => ({ default: m.CoursesPage }))),
  },
  {
    path: '/n/:slug/training/dashboard',
    element: page(() => import('./components/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage }))),
  },
  {
    path: '/n/:slug/training/certifications',
    element: page(() => import('./components/CertificationsPage.tsx').then((m) => ({ default: m.CertificationsPage }))),
  },
  {
    path: '/n/:slug/training/import',
    element: page(() => import('./components/ImportPage.tsx').then((m) => ({ default: m.ImportPage }))),
  },
];

/** Header link to training for vouched members. */
export function TrainingNavLinks() {
  const { t } = useTranslation('training');
  const access = useTrainingAccess();
  if (!access?.member) return null;
  return <NavLink to={`/n/${encodeURIComponent(access.slug)}/training`}>{t('navLink')}</NavLink>;
}
