import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { identityApi } from '../features/identity/api.ts';
import { PasskeyNudge } from '../features/identity/components/PasskeyNudge.tsx';
import { useMe } from '../features/identity/hooks.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { useOnline } from './useOnline.ts';

/** The app frame: header with brand, nav and language, offline banner, main content. */
export function Shell() {
  const { t } = useTranslation('common');
  const online = useOnline();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: identityApi.signOut,
    onSettled: () => {
      qc.clear();
      qc.setQueryData(['me'], null);
      void navigate('/sign-in', { state: { signedOut: true } });
    },
  });

  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <div className="bar">
          <Link to="/" className="brand">
            {t('appName')}
          </Link>
          <LanguageSwitcher />
        </div>
        {me.data && (
          <nav aria-label={t('nav.label')}>
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
            <NavLink to="/profile">{t('nav.profile')}</NavLink>
            <button type="button" className="link" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              {t('nav.signOut')}
            </button>
          </nav>
        )}
      </header>
      {!online && (
        <div className="offline" role="status">
          {t('offline')}
        </div>
      )}
      <main id="main">
        <PasskeyNudge />
        <Outlet />
      </main>
    </>
  );
}
