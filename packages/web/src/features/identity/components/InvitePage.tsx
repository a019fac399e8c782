import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LANGUAGES, type Language } from '@switchboard/shared/runtime';
import { ApiError, serverFieldErrors } from '../../../kit/api.ts';
import { currentLanguage } from '../../../kit/language.ts';
import { ErrorNote, Field, Loading, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { formatDateTime, formatList } from '../../../kit/format.ts';
import { identityApi, type AcceptInvitationResult } from '../api.ts';
import { ME_KEY, useMe } from '../../../kit/session.ts';

/** The pending message in words: how many vouches are still needed. */
export function PendingMessage({ count }: { count: number }) {
  const { t } = useTranslation('identity');
  if (count <= 0) return <p>{t('invite.activeNow')}</p>;
  return <p>{count === 1 ? t('invite.pendingOne') : t('invite.pendingMany', { count })}</p>;
}

export function InvitePage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation(['identity', 'common', 'networks']);
  const qc = useQueryClient();
  const me = useMe();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => identityApi.invitation(token),
    retry: false,
  });
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [result, setResult] = useState<AcceptInvitationResult | null>(null);
  const [pwError, setPwError] = useState<string | undefined>();

  const accept = useMutation({
    mutationFn: () =>
      identityApi.acceptInvitation(
        token,
        me.data ? {} : { email: email.trim(), password, displayName: displayName.trim(), language },
      ),
    onSuccess: async (r) => {
      setResult(r);
      if (!me.data && language !== currentLanguage()) await i18n.changeLanguage(language);
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });

  if (preview.isPending || me.isPending) return <Loading />;
  if (preview.isError) {
    const e = preview.error;
    return (
      <section className="narrow">
        <PageTitle>{t('invite.title')}</PageTitle>
        <ErrorNote error={e instanceof ApiError && e.code === 'not_found' ? new ApiError(404, 'invitation_invalid', '') : e} />
      </section>
    );
  }
  const p = preview.data;

  if (result) {
    return (
      <section className="narrow">
        <PageTitle>{t('invite.joinedTitle')}</PageTitle>
        <div role="status" className="status ok">
          <p>{t('invite.joined', { organization: p.organizationName, network: p.networkName })}</p>
          <PendingMessage count={result.status === 'active' ? 0 : result.vouchesNeeded} />
        </div>
        <p>
          <Link to="/" className="button">
            {t('invite.continue')}
          </Link>
        </p>
      </section>
    );
  }

  const se = serverFieldErrors(accept.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!me.data && password.length < 12) {
      setPwError(t('invite.passwordTooShort'));
      return;
    }
    setPwError(undefined);
    accept.mutate();
  };

  return (
    <section className="narrow">
      <PageTitle>{t('invite.title')}</PageTitle>
      <dl className="facts">
        <dt>{t('invite.network')}</dt>
        <dd>{p.networkName}</dd>
        <dt>{t('invite.organization')}</dt>
        <dd>{p.organizationName}</dd>
        <dt>{t('invite.roles')}</dt>
        <dd>{formatList(p.roles.map((r) => t(`networks:roles.${r}`)))}</dd>
        <dt>{t('invite.expires')}</dt>
        <dd>{formatDateTime(p.expiresAt)}</dd>
      </dl>
      <p className="hint">{t('invite.vouchExplain')}</p>
      <form onSubmit={submit} noValidate>
        {me.data ? (
          <p>{t('invite.signedInAs', { name: me.data.displayName })}</p>
        ) : (
          <>
            <Field
              label={t('invite.name')}
              hint={t('invite.nameHint')}
              name="displayName"
              autoComplete="nickname"
              required
              error={se.displayName}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
            <Field
              label={t('invite.email')}
              type="email"
              name="email"
              autoComplete="email"
              inputMode="email"
              dir="ltr"
              required
              error={se.email}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Field
              label={t('invite.password')}
              hint={t('invite.passwordHint')}
              error={pwError ?? se.password}
              type="password"
              name="password"
              autoComplete="new-password"
              required
              minLength={12}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <SelectField
              label={t('invite.language')}
              name="language"
              value={language}
              onChange={(e) => setLanguage(e.target.value as Language)}
              options={LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
            />
          </>
        )}
        <ErrorNote error={accept.error} />
        <button type="submit" className="primary" disabled={accept.isPending}>
          {t('invite.accept')}
        </button>
      </form>
      {!me.data && (
        <p>
          {t('invite.haveAccount')}{' '}
          <Link to={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`}>{t('invite.signInFirst')}</Link>
        </p>
      )}
      <Status message={accept.isPending ? t('invite.working') : null} />
    </section>
  );
}
