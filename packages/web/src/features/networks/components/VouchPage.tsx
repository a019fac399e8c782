import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { networksApi } from '../api.ts';
import { useMyNetwork } from '../hooks.ts';

/** People waiting to be vouched for, with one button each. */
export function VouchPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('networks');
  const qc = useQueryClient();
  const mine = useMyNetwork(slug);
  const [done, setDone] = useState<string | null>(null);
  const pending = useQuery({
    queryKey: ['pending-members', slug],
    queryFn: () => networksApi.pendingMembers(slug),
  });
  const vouch = useMutation({
    mutationFn: ({ id }: { id: string; name: string }) => networksApi.vouch(slug, id),
    onSuccess: async (r, { name }) => {
      setDone(
        r.status === 'active'
          ? t('vouch.nowActive', { name })
          : t('vouch.recorded', { name, count: Math.max(0, r.required - r.vouches) }),
      );
      await qc.invalidateQueries({ queryKey: ['pending-members', slug] });
    },
  });
  const list = (pending.data?.pending ?? []).slice().sort((a, b) => Number(a.vouchedByMe) - Number(b.vouchedByMe));

  return (
    <section>
      <PageTitle>{t('vouch.title')}</PageTitle>
      {mine && <p className="muted">{mine.name}</p>}
      <p className="hint">{t('vouch.explain')}</p>
      <Status message={done} />
      <ErrorNote error={vouch.error ?? pending.error} />
      {pending.isPending ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('vouch.none')}</p>
      ) : (
        <ul className="cards">
          {list.map((p) => (
            <li key={p.membershipId} className={p.vouchedByMe ? 'card' : 'card action'}>
              <p>
                <strong>{p.displayName}</strong>
              </p>
              {/* Enough to tell two people of the same name apart before vouching. */}
              <dl className="facts">
                <dt>{t('vouch.email')}</dt>
                <dd className="break">{p.email}</dd>
                <dt>{t('vouch.organization')}</dt>
                <dd>{p.organizationName}</dd>
                <dt>{t('vouch.invitedBy')}</dt>
                <dd>{p.invitedByName ?? <span className="muted">{t('vouch.noInviter')}</span>}</dd>
              </dl>
              <p>{t('vouch.progress', { vouches: p.vouches, required: p.required })}</p>
              {p.vouchedByMe ? (
                <p className="badge active">
                  <span aria-hidden="true">✓ </span>
                  {t('vouch.youVouched')}
                </p>
              ) : (
                <button
                  type="button"
                  className="primary"
                  disabled={vouch.isPending}
                  onClick={() => {
                    setDone(null);
                    vouch.mutate({ id: p.membershipId, name: p.displayName });
                  }}
                >
                  {t('vouch.button')}
                  <span className="visually-hidden"> {p.displayName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
