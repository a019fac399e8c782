import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNote, Field, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { identityApi } from '../api.ts';
import { useMe } from '../../../kit/session.ts';
import { SEAL_KEY, useSealStatus } from '../hooks.ts';

/**
 * Unlock a server started without its key (no key file, nobody at the terminal):
 * a deployment admin types the passphrase here. Everyone else is told what is going
 * on and whom to ask; nothing sensitive is readable until then.
 */
export function UnsealPage() {
  const { t } = useTranslation('identity');
  const qc = useQueryClient();
  const seal = useSealStatus();
  const me = useMe();
  const [passphrase, setPassphrase] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  const unseal = useMutation({
    mutationFn: () => identityApi.unseal(passphrase),
    onSuccess: async (status) => {
      setPassphrase('');
      setDone(t('unseal.done'));
      qc.setQueryData(SEAL_KEY, status);
      // Everything fetched while sealed was refused: fetch it again.
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SEAL_KEY[0] });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!passphrase) {
      setFieldError(t('unseal.passphraseRequired'));
      return;
    }
    setFieldError(undefined);
    unseal.mutate();
  };

  const body = () => {
    if (seal.isPending || me.isPending) return <Loading />;
    if (seal.isError) return <ErrorNote error={seal.error} />;
    if (!seal.data.sealed) {
      return (
        <>
          <p>{t('unseal.notSealed')}</p>
          <p>
            <Link to="/">{t('unseal.home')}</Link>
          </p>
        </>
      );
    }
    if (!me.data) {
      // Signed out, or signed in as someone the sealed server refuses.
      return (
        <>
          <p>{t('unseal.explain')}</p>
          <p>{t('unseal.adminsOnly')}</p>
          {!me.isError && (
            <p>
              <Link to="/sign-in?next=%2Funseal" className="button">
                {t('unseal.signIn')}
              </Link>
            </p>
          )}
        </>
      );
    }
    if (!me.data.isDeploymentAdmin) return <p>{t('unseal.adminsOnly')}</p>;
    const errId = 'unseal-error';
    return (
      <>
        <p>{t('unseal.explain')}</p>
        <form onSubmit={submit} noValidate aria-describedby={unseal.error ? errId : undefined}>
          <Field
            label={t('unseal.passphrase')}
            hint={t('unseal.passphraseHint')}
            type="password"
            name="passphrase"
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
            required
            value={passphrase}
            error={fieldError}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <ErrorNote error={unseal.error} id={errId} />
          <button type="submit" className="primary" disabled={unseal.isPending}>
            {unseal.isPending ? t('unseal.unsealing') : t('unseal.submit')}
          </button>
        </form>
      </>
    );
  };

  return (
    <section className="narrow">
      <PageTitle>{t('unseal.title')}</PageTitle>
      <Status message={done} />
      {body()}
    </section>
  );
}
