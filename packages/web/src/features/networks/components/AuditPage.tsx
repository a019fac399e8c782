import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, formatDateTime } from '../../../app/ui.tsx';
import { networksApi } from '../api.ts';
import { useNetwork } from '../hooks.ts';

/** The network's audit log, newest first. */
export function AuditPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('networks');
  const network = useNetwork(slug);
  const audit = useQuery({ queryKey: ['audit', slug], queryFn: () => networksApi.audit(slug) });
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
                <strong>{e.action}</strong>
              </p>
              <p className="muted">
                {formatDateTime(e.createdAt, network.data?.timeZone)} · {e.targetType}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
