import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle } from '../../../kit/ui.tsx';
import { useShiftsAccess } from '../access.ts';
import { shiftsApi } from '../api.ts';
import { SiteForm } from './SiteForm.tsx';
import { SiteImport } from './SiteImport.tsx';

/** The site registry: every site the person can see; coordinators add sites or import a CSV. */
export function SitesPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('shifts');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const access = useShiftsAccess(slug);
  const [adding, setAdding] = useState(false);
  const sites = useQuery({ queryKey: ['shifts', slug, 'sites'], queryFn: () => shiftsApi.sites(slug) });
  const create = useMutation({
    mutationFn: (body: Parameters<typeof shiftsApi.createSite>[1]) => shiftsApi.createSite(slug, body),
    onSuccess: async (site) => {
      await qc.invalidateQueries({ queryKey: ['shifts', slug, 'sites'] });
      void navigate(`/n/${encodeURIComponent(slug)}/sites/${site.id}`, { state: { created: true } });
    },
  });

  return (
    <section>
      <PageTitle>{t('sites.title')}</PageTitle>
      {access?.coordinator && (
        <p className="links">
          <Link to={`/n/${encodeURIComponent(slug)}/shifts/coverage`}>{t('nav.coverage')}</Link>
        </p>
      )}
      {access?.coordinator && !adding && (
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('sites.add')}
        </button>
      )}
      {access?.coordinator && adding && (
        <div className="card action">
          <h2>{t('sites.add')}</h2>
          <SiteForm access={access} pending={create.isPending} error={create.error} onSubmit={(b) => create.mutate(b)} />
        </div>
      )}
      {sites.isPending ? (
        <Loading />
      ) : sites.isError ? (
        <ErrorNote error={sites.error} />
      ) : sites.data.sites.length === 0 ? (
        <p className="muted">{t('sites.none')}</p>
      ) : (
        <ul className="cards">
          {sites.data.sites.map((s) => (
            <li key={s.id} className="card">
              <Link to={`/n/${encodeURIComponent(slug)}/sites/${s.id}`}>{s.name}</Link>
              <p className="muted">
                {t(`kinds.${s.kind}`)} · {s.organizationName}
              </p>
              <p className="break">{s.address}</p>
            </li>
          ))}
        </ul>
      )}
      {access?.coordinator && <SiteImport access={access} />}
    </section>
  );
}
