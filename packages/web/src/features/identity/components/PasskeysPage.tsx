import { startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, serverFieldErrors } from '../../../kit/api.ts';
import { ConfirmButton, ErrorNote, Field, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { identityApi } from '../api.ts';

export function PasskeysPage() {
  const { t } = useTranslation('identity');
  const qc = useQueryClient();
  const passkeys = useQuery({ queryKey: ['passkeys'], queryFn: identityApi.passkeys });
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  const add = useMutation({
    mutationFn: async () => {
      const { challengeId, options } = await identityApi.passkeyRegisterOptions(name.trim());
      let response;
      try {
        response = await startRegistration({ optionsJSON: options as never });
      } catch {
        throw new ApiError(0, 'passkey_failed', 'passkey_failed');
      }
      return identityApi.passkeyRegisterVerify(challengeId, response as unknown as Record<string, unknown>);
    },
    onSuccess: async () => {
      setDone(t('passkeys.added', { name: name.trim() }));
      setName('');
      await qc.invalidateQueries({ queryKey: ['passkeys'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => identityApi.removePasskey(id),
    onSuccess: async () => {
      setDone(t('passkeys.removed'));
      await qc.invalidateQueries({ queryKey: ['passkeys'] });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!name.trim()) {
      setNameError(t('passkeys.nameRequired'));
      return;
    }
    setNameError(undefined);
    add.mutate();
  };

  const list = passkeys.data?.passkeys ?? [];
  return (
    <section className="narrow">
      <PageTitle>{t('passkeys.title')}</PageTitle>
      <p className="hint">{t('passkeys.explain')}</p>
      <Status message={done} />
      <ErrorNote error={remove.error ?? passkeys.error} />
      {passkeys.isPending ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('passkeys.none')}</p>
      ) : (
        <ul className="cards">
          {list.map((p) => (
            <li key={p.id} className="card">
              <p>
                <strong>{p.name}</strong>
              </p>
              <p className="muted">{t('passkeys.addedOn', { when: formatDateTime(p.createdAt) })}</p>
              <ConfirmButton
                label={t('passkeys.remove')}
                question={t('passkeys.removeQuestion', { name: p.name })}
                confirmLabel={t('passkeys.removeConfirm')}
                onConfirm={() => remove.mutate(p.id)}
                disabled={remove.isPending}
              />
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <h2>{t('passkeys.addTitle')}</h2>
        <Field
          label={t('passkeys.name')}
          hint={t('passkeys.nameHint')}
          name="passkeyName"
          value={name}
          error={nameError ?? serverFieldErrors(add.error).name}
          onChange={(e) => setName(e.target.value)}
        />
        <ErrorNote error={add.error} />
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('passkeys.add')}
        </button>
      </form>
    </section>
  );
}
