import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { identityApi } from '../api.ts';
import { useMe } from '../../../kit/session.ts';

/** Screens a person may use while a required passkey is still missing (the server allows the same). */
const OWN_ACCOUNT = ['/profile', '/profile/sessions', '/profile/passkeys'];

/**
 * The server lets a person whose role needs a passkey sign in with a password
 * to register one, and refuses them everything else (passkey_required) until
 * they do. So other screens send them to the passkeys page; their own account
 * screens show why.
 */
export function PasskeyNudge() {
  const { t } = useTranslation('identity');
  const me = useMe().data;
  const { pathname } = useLocation();
  const required = !!me?.passkeyRequired;
  const passkeys = useQuery({ queryKey: ['passkeys'], queryFn: identityApi.passkeys, enabled: required });
  if (!required || !passkeys.data || passkeys.data.passkeys.length > 0) return null;
  if (!OWN_ACCOUNT.includes(pathname)) return <Navigate to="/profile/passkeys" replace />;
  return (
    <div className="nudge" role="region" aria-label={t('passkeys.requiredTitle')}>
      <p>{t('passkeys.required')}</p>
      {pathname !== '/profile/passkeys' && (
        <Link to="/profile/passkeys" className="button">
          {t('passkeys.requiredAction')}
        </Link>
      )}
    </div>
  );
}
