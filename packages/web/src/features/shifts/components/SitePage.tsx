import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { formatList } from '../../../kit/format.ts';
import { useShiftsAccess } from '../access.ts';
import { shiftsApi } from '../api.ts';
import { FeedPanel } from './FeedPanel.tsx';
import { SeriesPanel } from './SeriesPanel.tsx';
import { ShiftForm } from './ShiftForm.tsx';
import { SiteForm } from './SiteForm.tsx';

/** One site: where it is and notes for volunteers; coordinators edit it, plan shifts and get its calendar feed. */
export function SitePage() {
  const { slug = '', siteId = '' } = useParams();
  const { t } = useTranslation('shifts');
  const { t: tc } = useTranslation('common');
  const qc = useQueryClient();
  const location = useLocation();
  const access = useShiftsAccess(slug);
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('site.created') : null,
  );
  const key = ['shifts', slug, 'site', siteId];
  const site = useQuery({ queryKey: key, queryFn: () => shiftsApi.site(slug, siteId) });
  const update = useMutation({
    mutationFn: (body: Parameters<typeof shiftsApi.updateSite>[2]) => shiftsApi.updateSite(slug, siteId, body),
    onSuccess: async (s) => {
      qc.setQueryData(key, s);
      setEditing(false);
      setDone(t('site.saved'));
      // The sites list and shift cards show the name and address too.
      await qc.invalidateQueries({
        queryKey: ['shifts', slug],
        predicate: (q) => q.queryKey[2] !== 'site' || q.queryKey[3] !== siteId || q.queryKey.length > 4,
      });
    },
  });
  const planned = useMutation({
    mutationFn: (body: Parameters<typeof shiftsApi.createShift>[2]) => shiftsApi.createShift(slug, siteId, body),
    onMutate: () => setDone(null),
    onSuccess: async (s) => {
      setDone(t('plan.created', { count: s.occurrences }));
      await qc.invalidateQueries({ queryKey: ['shifts', slug] });
    },
  });

  if (site.isPending) return <Loading />;
  if (site.isError) return <ErrorNote error={site.error} />;
  const s = site.data;
  return (
    <section className="narrow">
      <PageTitle>{s.name}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/sites`}>{t('nav.sites')}</Link>
        {s.canManage && <Link to={`/n/${encodeURIComponent(slug)}/shifts/coverage`}>{t('nav.coverage')}</Link>}
      </p>
      <Status message={done} />
      <dl className="facts">
        <dt>{t('site.kind')}</dt>
        <dd>{t(`kinds.${s.kind}`)}</dd>
        <dt>{t('site.address')}</dt>
        <dd className="break">{s.address}</dd>
        <dt>{t('site.organization')}</dt>
        <dd>{s.organizationName}</dd>
        <dt>{t('site.languages')}</dt>
        <dd>{s.languages.length ? formatList(s.languages.map((l) => tc(`languages.${l}`))) : '—'}</dd>
        <dt>{t('site.sharing')}</dt>
        <dd>{t(`sharing.${s.sharing}`)}</dd>
      </dl>
      {s.notes && (
        <>
          <h2>{t('site.notes')}</h2>
          <p className="notes">{s.notes}</p>
        </>
      )}
      {s.canManage && access && (
        <>
          {!editing ? (
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              {t('site.edit')}
            </button>
          ) : (
            <div className="card action">
              <h2>{t('site.edit')}</h2>
              <SiteForm
                access={access}
                site={s}
                pending={update.isPending}
                error={update.error}
                onSubmit={(b) => update.mutate(b)}
              />
            </div>
          )}
          <SeriesPanel slug={slug} siteId={siteId} />
          <h2>{t('plan.title')}</h2>
          <ShiftForm slug={slug} pending={planned.isPending} error={planned.error} onSubmit={(b) => planned.mutate(b)} />
          <FeedPanel slug={slug} siteId={siteId} />
        </>
      )}
    </section>
  );
}
