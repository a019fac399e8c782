import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatCalendarDay } from '../../../kit/format.ts';
import { ErrorNote, Loading, PageTitle } from '../../../kit/ui.tsx';
import { trainingApi, type DashboardT } from '../api.ts';
import { TableWrap } from './bits.tsx';

/** Format a local 'YYYY-MM-DD' (a week's Monday) in the reader's language, without shifting it by a time zone. */
function day(date: string): string {
  return formatCalendarDay(date);
}

/** Training at a glance: people trained per week, per course and organization; upcoming fill; certified responders available now. */
export function DashboardPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('training');
  const dash = useQuery({
    queryKey: ['training', slug, 'dashboard'],
    queryFn: () => trainingApi.dashboard(slug),
    refetchInterval: 60_000,
  });
  if (dash.isPending) return <Loading />;
  if (dash.isError) return <ErrorNote error={dash.error} />;
  const d = dash.data;
  return (
    <section>
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/training`}>{t('nav.home')}</Link>
      </p>
      <h2 id="weekly">{t('dashboard.perWeek')}</h2>
      <TableWrap labelledBy="weekly">
        <table aria-labelledby="weekly">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.week')}</th>
              <th scope="col" className="num">
                {t('dashboard.people')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.trainedTotal.map((w) => (
              <tr key={w.week}>
                <th scope="row">{day(w.week)}</th>
                <td className="num">{w.people}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ByCourseAndOrganization d={d} />
      <h2 id="upcoming">{t('dashboard.upcoming')}</h2>
      {d.upcoming.length === 0 ? (
        <p className="muted">{t('home.noSessions')}</p>
      ) : (
        <TableWrap labelledBy="upcoming">
          <table aria-labelledby="upcoming">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.session')}</th>
                <th scope="col" className="num">
                  {t('dashboard.registered')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.capacity')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.waiting')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.upcoming.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.courseName} · <time dateTime={s.startsAtLocal}>{s.startsAtLocal.replace('T', ' ')}</time>
                  </th>
                  <td className="num">{s.registered}</td>
                  <td className="num">{s.capacity}</td>
                  <td className="num">{s.waitlisted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2 id="available">{t('dashboard.availableNow')}</h2>
      <p className="hint">{t('dashboard.availableHint')}</p>
      {d.availableCertified.length === 0 ? (
        <p className="muted">{t('dashboard.noneAvailable')}</p>
      ) : (
        <TableWrap labelledBy="available">
          <table aria-labelledby="available">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.area')}</th>
                <th scope="col">{t('dashboard.course')}</th>
                <th scope="col" className="num">
                  {t('dashboard.responders')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.availableCertified.map((a) => (
                <tr key={`${a.area}-${a.courseId}`}>
                  <th scope="row">
                    <code>{a.area}</code>
                  </th>
                  <td>{d.courses.find((c) => c.id === a.courseId)?.name}</td>
                  <td className="num">{a.responders}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** People trained in the last weeks, per course (rows) and organization (columns). */
function ByCourseAndOrganization({ d }: { d: DashboardT }) {
  const { t } = useTranslation('training');
  const orgs = d.organizations.filter((o) => d.trained.some((x) => x.organizationId === o.id));
  const courses = d.courses.filter((c) => d.trained.some((x) => x.courseId === c.id));
  const sum = (courseId: string, orgId: string) =>
    d.trained.filter((x) => x.courseId === courseId && x.organizationId === orgId).reduce((n, x) => n + x.people, 0);
  return (
    <>
      <h2 id="by-course">{t('dashboard.perCourse')}</h2>
      {courses.length === 0 ? (
        <p className="muted">{t('dashboard.noneTrained')}</p>
      ) : (
        <TableWrap labelledBy="by-course">
          <table aria-labelledby="by-course">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.course')}</th>
                {orgs.map((o) => (
                  <th key={o.id} scope="col" className="num">
                    {o.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  {orgs.map((o) => (
                    <td key={o.id} className="num">
                      {sum(c.id, o.id)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
