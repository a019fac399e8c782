import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Loading } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { dispatchApi } from '../api.ts';

/** Report → first accept → on scene → verified, per incident and as medians. */
export function ResponseTimesPanel({ slug }: { slug: string }) {
  const { t } = useTranslation('dispatch');
  const times = useQuery({ queryKey: ['response-times', slug], queryFn: () => dispatchApi.responseTimes(slug) });
  const dur = (s: number | null) =>
    s == null ? t('times.none') : t('times.minutes', { minutes: Math.floor(s / 60), seconds: Math.round(s % 60) });
  const cols = ['toFirstAccept', 'toOnScene', 'toVerified'] as const;
  return (
    <details className="tool">
      <summary>{t('times.title')}</summary>
      <ErrorNote error={times.error} />
      {times.isPending ? (
        <Loading />
      ) : times.data && times.data.incidents.length === 0 ? (
        <p className="muted">{t('times.empty')}</p>
      ) : times.data ? (
        <div className="scroll-x">
          <table className="times">
            <thead>
              <tr>
                <th scope="col">{t('times.incident')}</th>
                {cols.map((c) => (
                  <th scope="col" key={c}>
                    {t(`times.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('times.median')}</th>
                {cols.map((c) => (
                  <td key={c}>{dur(times.data.medians[c])}</td>
                ))}
              </tr>
              {times.data.incidents.slice(0, 20).map((i) => (
                <tr key={i.incidentId}>
                  <th scope="row">{formatDateTime(i.firstReportedAt)}</th>
                  {cols.map((c) => (
                    <td key={c}>{dur(i[c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
