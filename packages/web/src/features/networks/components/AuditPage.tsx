import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { networksApi } from '../api.ts';
import { useNetwork } from '../hooks.ts';

/** The network's audit log, newest first. */
export function AuditPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation('networks');
  const network = useNetwork(slug);
  const audit = useQuery({ queryKey: ['audit', slug], queryFn: () => networksApi.audit(slug) });
  // Known actions read as words; others (from modules this screen predates) say so.
  const describe = (action: string) => {
    const key = `audit.actions.${action.replace(/\./g, '_')}`;
    return i18n.exists(key, { ns: 'networks' }) ? t(key) : t('audit.actions.other', { action });
  };
  const entries = (audit.data?.entries ?? []).slice().sort((a, b) => b.seq - a.seq);
  return (
    <section>
      <PageTitle>{t('audit.title')}</PageTitle>
      <ErrorNote error={audit.error} />
      {audit.isPending ? (
        <Loading />
      ) : entries.length === 0 ? (
        <p className="muted">{t('audit.none')}</p>
      ) : (
        <ol className="cards">
          {entries.map((e) => (
            <li key={e.seq} className="card">
              <p>
                <strong>{describe(e.action)}</strong>
              </p>
              <p className="muted">
                {formatDateTime(e.createdAt, network.data?.timeZone)}
                {e.actorId === null && <> · {t('audit.automatic')}</>}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
