import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSealStatus } from '../hooks.ts';

/** On every screen while the server is sealed: why nothing loads, and where to unlock it. */
export function SealedNotice() {
  const { t } = useTranslation('identity');
  const seal = useSealStatus();
  const { pathname } = useLocation();
  if (!seal.data?.sealed || pathname === '/unseal') return null;
  return (
    <div className="nudge" role="region" aria-label={t('unseal.bannerTitle')}>
      <p>{t('unseal.banner')}</p>
      <Link to="/unseal" className="button">
        {t('unseal.bannerAction')}
      </Link>
    </div>
  );
}
