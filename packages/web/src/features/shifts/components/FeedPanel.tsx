import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton, ErrorNote } from '../../../kit/ui.tsx';
import { shiftsApi, type FeedT } from '../api.ts';

/** The secret calendar feed link: make one (shown once), replace it, or turn it off. */
export function FeedPanel({ slug, siteId }: { slug: string; siteId?: string }) {
  const { t } = useTranslation('shifts');
  const qc = useQueryClient();
  const inputId = useId();
  const key = ['shifts', slug, 'feed', siteId ?? 'me'];
  const call = (method: 'GET' | 'POST' | 'DELETE') =>
    siteId ? shiftsApi.siteFeed(slug, siteId, method) : shiftsApi.feed(slug, method);
  const state = useQuery({ queryKey: key, queryFn: () => call('GET') });
  const change = useMutation({
    mutationFn: (method: 'POST' | 'DELETE') => call(method),
    onSuccess: (f: FeedT) => qc.setQueryData(key, f),
  });
  const feed = state.data;
  return (
    <section aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>{siteId ? t('feed.siteTitle') : t('feed.title')}</h2>
      <p className="hint">{t('feed.hint')}</p>
      <ErrorNote error={state.error ?? change.error} />
      {feed?.url && (
        <div className="invite-link">
          <label htmlFor={inputId}>{t('feed.url')}</label>
          <input id={inputId} readOnly value={feed.url} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
          <p className="hint" role="status">
            {t('feed.once')}
          </p>
        </div>
      )}
      {feed && !feed.url && <p>{feed.active ? t('feed.active') : t('feed.inactive')}</p>}
      <div className="row">
        <button type="button" className="secondary" disabled={change.isPending} onClick={() => change.mutate('POST')}>
          {feed?.active ? t('feed.replace') : t('feed.create')}
        </button>
        {feed?.active && (
          <ConfirmButton
            label={t('feed.revoke')}
            question={t('feed.revokeQuestion')}
            confirmLabel={t('feed.revoke')}
            disabled={change.isPending}
            onConfirm={() => change.mutate('DELETE')}
          />
        )}
      </div>
    </section>
  );
}
