import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { identityApi } from '../api.ts';
import { useMe } from '../hooks.ts';

/**
 * The server lets a person whose role needs a passkey sign in with a password
 * once, to register one; until they do, every screen asks them to.
 */
export function PasskeyNudge() {
  const { t } = useTranslation('identity');
  const me = useMe().data;
  const { pathname } = useLocation();
  const required = !!me?.passkeyRequired;
  const passkeys = useQuery({ queryKey: ['passkeys'], queryFn: identityApi.passkeys, enabled: required });
  if (!required || !passkeys.data || passkeys.data.passkeys.length > 0 || pathname === '/profile/passkeys') return null;
  return (
    <div className="nudge" role="region" aria-label={t('passkeys.requiredTitle')}>
      <p>{t('passkeys.required')}</p>
      <Link to="/profile/passkeys" className="button">
        {t('passkeys.requiredAction')}
      </Link>
    </div>
  );
}
