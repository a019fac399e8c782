import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useMatches, useNavigate } from 'react-router';
import { useHeaderMenu } from './use-header-menu.ts';
import { identityApi } from '../features/identity/api.ts';
import { PasskeyNudge } from '../features/identity/components/PasskeyNudge.tsx';
import { SealedNotice } from '../features/identity/components/SealedNotice.tsx';
import { ME_KEY, useMe } from '../kit/session.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { useOnline } from '../kit/use-online.ts';
import { ShiftsNavLinks } from '../features/shifts/routes.tsx';
import { TrainingNavLinks } from '../features/training/routes.tsx';
import { CareNavLinks } from '../features/care/routes.tsx';

/**
 * The app frame: header with brand, nav and language, offline banner, main content.
 * On a phone the nav and the language switch fold behind a menu button, so the header
 * is one row even in Somali and Hmong; at laptop widths they stay in view.
 */
export function Shell() {
  const { t } = useTranslation('common');
  const online = useOnline();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const rapid = rapidResponseLinks(me.data?.networks);
  const menu = useHeaderMenu();
  // A route with handle { wide: true } gets a wide main while it is still loading, so its
  // content does not jump sideways when it arrives.
  const wide = useMatches().some((m) => (m.handle as { wide?: boolean } | undefined)?.wide);
  const signOut = useMutation({
    mutationFn: identityApi.signOut,
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      void navigate('/sign-in', { state: { signedOut: true } });
    },
  });

  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top" onKeyDown={menu.onKeyDown}>
        <div className="bar">
          <Link to="/" className="brand">
            {t('appName')}
          </Link>
          {me.data ? (
            <button
              ref={menu.toggleRef}
              type="button"
              className="menu-toggle secondary"
              aria-expanded={menu.open}
              aria-controls={menu.id}
              onClick={menu.toggle}
            >
              <span aria-hidden="true">☰ </span>
              {t('nav.menu')}
            </button>
          ) : (
            // Signed out there is no nav: the language stays at hand for the sign-in page.
            <LanguageSwitcher />
          )}
        </div>
        {me.data && (
          <div id={menu.id} className={menu.open ? 'menu open' : 'menu'}>
            <nav aria-label={t('nav.label')}>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
              {rapid?.dispatch && <NavLink to={`/n/${rapid.slug}/dispatch`}>{t('dispatch:nav')}</NavLink>}
              {rapid?.respond && <NavLink to={`/n/${rapid.slug}/respond`}>{t('responder:nav')}</NavLink>}
              <ShiftsNavLinks />
              <TrainingNavLinks />
              <CareNavLinks />
              <NavLink to="/profile">{t('nav.profile')}</NavLink>
              <button type="button" className="link" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
                {t('nav.signOut')}
              </button>
            </nav>
            <LanguageSwitcher />
          </div>
        )}
      </header>
      {!online && (
        <div className="offline" role="status">
          {t('offline')}
        </div>
      )}
      <main id="main" className={wide ? 'wide' : undefined}>
        <SealedNotice />
        <PasskeyNudge />
        <Outlet />
      </main>
    </>
  );
}

/** The first network where the person dispatches or responds, for the rapid-response nav links. */
function rapidResponseLinks(networks: { slug: string; memberships: { roles: string[]; status: string }[] }[] | undefined) {
  for (const n of networks ?? []) {
    const roles = new Set(n.memberships.filter((m) => m.status === 'active').flatMap((m) => m.roles));
    const dispatch = roles.has('dispatcher');
    const respond = roles.has('responder') || roles.has('legal_observer');
    if (dispatch || respond) return { slug: encodeURIComponent(n.slug), dispatch, respond };
  }
  return null;
}
