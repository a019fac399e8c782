import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton, ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { identityApi } from '../api.ts';

export function SessionsPage() {
  const { t } = useTranslation('identity');
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: identityApi.sessions });
  const [done, setDone] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => identityApi.revokeSession(id),
    onSuccess: async () => {
      setDone(t('sessions.revoked'));
      await qc.invalidateQueries({ queryKey: ['sessions'] });
    },
  });

  return (
    <section className="narrow">
      <PageTitle>{t('sessions.title')}</PageTitle>
      <p className="hint">{t('sessions.explain')}</p>
      <Status message={done} />
      <ErrorNote error={revoke.error ?? sessions.error} />
      {sessions.isPending ? (
        <Loading />
      ) : (
        <ul className="cards">
          {(sessions.data?.sessions ?? []).map((s) => (
            <li key={s.id} className="card">
              <p>
                <strong>{s.label || t('sessions.unknownDevice')}</strong>{' '}
                {s.current && <span className="badge active">{t('sessions.thisDevice')}</span>}
              </p>
              <p className="muted">
                {t('sessions.started', { when: formatDateTime(s.createdAt) })}
                <br />
                {t('sessions.lastSeen', { when: formatDateTime(s.lastSeenAt) })}
              </p>
              {!s.current && (
                <ConfirmButton
                  label={t('sessions.revoke')}
                  question={t('sessions.revokeQuestion')}
                  confirmLabel={t('sessions.revokeConfirm')}
                  onConfirm={() => revoke.mutate(s.id)}
                  disabled={revoke.isPending}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
