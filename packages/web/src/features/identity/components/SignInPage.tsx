import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../kit/api.ts';
import { ErrorNote, Field, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { type MeT, useMe, useSetMe } from '../../../kit/session.ts';
import { identityApi } from '../api.ts';
import { useSealStatus } from '../hooks.ts';

/** Only same-app paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t, i18n } = useTranslation('identity');
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const sealed = !!useSealStatus().data?.sealed;
  const setMe = useSetMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [needPasskey, setNeedPasskey] = useState(false);
  const next = safeNext(params.get('next'));
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut;

  // While sealed an admin signs in only to unseal: take them straight there.
  const destination = (m: MeT) => (sealed && m.isDeploymentAdmin && next === '/' ? '/unseal' : next);

  // Switch to the account's language before the first signed-in screen shows.
  const done = async (m: MeT) => {
    if (m.language !== i18n.language) await i18n.changeLanguage(m.language);
    setMe(m);
    void navigate(destination(m), { replace: true });
  };

  const signIn = useMutation({
    mutationFn: () => identityApi.signIn({ email: email.trim(), password }),
    onSuccess: done,
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'passkey_required') setNeedPasskey(true);
    },
  });

  const passkey = useMutation({
    mutationFn: async () => {
      const { challengeId, options } = await identityApi.passkeySignInOptions(email.trim() || undefined);
      let response;
      try {
        // Loaded only when someone uses a passkey.
        const { startAuthentication } = await import('@simplewebauthn/browser');
        response = await startAuthentication({ optionsJSON: options as never });
      } catch {
        throw new ApiError(0, 'passkey_failed', 'passkey_failed');
      }
      return identityApi.passkeySignInVerify(challengeId, response as unknown as Record<string, unknown>);
    },
    onSuccess: done,
  });

  if (me.isPending) return <Loading />;
  if (me.data && !signIn.isPending && !passkey.isPending) return <Navigate to={destination(me.data)} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    passkey.reset();
    signIn.mutate();
  };
  const errId = 'signin-error';
  const failed = signIn.error ?? passkey.error;

  return (
    <section className="narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <Status message={signedOut ? t('signIn.signedOut') : null} />
      <form onSubmit={submit} noValidate aria-describedby={failed ? errId : undefined}>
        <Field
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="username webauthn"
          inputMode="email"
          dir="ltr"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('signIn.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorNote error={failed} id={errId} />
        {needPasskey && <p className="hint">{t('signIn.usePasskeyHint')}</p>}
        <button type="submit" className={needPasskey ? 'secondary' : 'primary'} disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
      <p className="or">{t('signIn.or')}</p>
      <button
        type="button"
        className={needPasskey ? 'primary' : 'secondary'}
        onClick={() => {
          signIn.reset();
          passkey.mutate();
        }}
        disabled={passkey.isPending}
      >
        {t('signIn.passkey')}
      </button>
      <p className="hint">{t('signIn.noAccount')}</p>
    </section>
  );
}
