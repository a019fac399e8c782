import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, Field, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { trainingApi, type CertificationT } from '../api.ts';
import { CertificationBadge } from './bits.tsx';

/**
 * A person's certifications, for trainers and coordinators: find the member, see what
 * they hold, withdraw one, or certify them without a session (training done elsewhere).
 * Both need a reason, which goes to the audit log.
 */
export function CertificationsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('training');
  const [q, setQ] = useState('');
  const [person, setPerson] = useState<{ accountId: string; displayName: string } | null>(null);
  const search = useMutation({ mutationFn: () => trainingApi.people(slug, q.trim()) });
  return (
    <section className="narrow">
      <PageTitle>{t('certs.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/training`}>{t('nav.home')}</Link>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim().length >= 2) search.mutate();
        }}
      >
        <Field
          label={t('attendance.walkInSearch')}
          hint={t('attendance.walkInHint')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="secondary" disabled={search.isPending}>
          {t('attendance.find')}
        </button>
      </form>
      <ErrorNote error={search.error} />
      {search.data && (
        <div role="status">
          {search.data.people.length === 0 ? (
            <p className="muted">{t('attendance.noneFound')}</p>
          ) : (
            <ul className="walk-in-results">
              {search.data.people.map((p) => (
                <li key={p.accountId}>
                  <span>{p.displayName}</span>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setPerson(p)}
                    aria-pressed={person?.accountId === p.accountId}
                  >
                    {t('certs.open', { name: p.displayName })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {person && <PersonCertifications key={person.accountId} slug={slug} person={person} />}
    </section>
  );
}

function PersonCertifications({ slug, person }: { slug: string; person: { accountId: string; displayName: string } }) {
  const { t } = useTranslation('training');
  const qc = useQueryClient();
  const key = ['training', slug, 'certs', person.accountId];
  const certs = useQuery({ queryKey: key, queryFn: () => trainingApi.certificationsOf(slug, person.accountId) });
  const courses = useQuery({ queryKey: ['training', slug, 'courses'], queryFn: () => trainingApi.courses(slug) });
  const [courseId, setCourseId] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const issue = useMutation({
    mutationFn: () => trainingApi.issueCertification(slug, { accountId: person.accountId, courseId, reason: reason.trim() }),
    onMutate: () => setDone(null),
    onSuccess: async (c) => {
      setDone(t('certs.issued', { course: c.course.name, name: person.displayName }));
      setReason('');
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (c: CertificationT) => trainingApi.revokeCertification(slug, c.id, reason.trim()),
    onMutate: () => setDone(null),
    onSuccess: async (c) => {
      setDone(t('certs.revoked', { course: c.course.name, name: person.displayName }));
      setReason('');
      await refresh();
    },
  });
  const reasonOk = reason.trim().length >= 3;
  return (
    <section aria-labelledby="person-heading">
      <h2 id="person-heading">{t('certs.of', { name: person.displayName })}</h2>
      <Status message={done} />
      <ErrorNote error={certs.error ?? issue.error ?? revoke.error} />
      <Field label={t('certs.reason')} hint={t('certs.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} />
      {certs.data && certs.data.certifications.length === 0 && <p className="muted">{t('certs.none')}</p>}
      {certs.data && certs.data.certifications.length > 0 && (
        <ul className="cards">
          {certs.data.certifications.map((c) => (
            <li key={c.id} className="card">
              <strong>{c.course.name}</strong> <CertificationBadge cert={c} />
              <br />
              <span>{t('certs.issuedOn', { date: formatDateTime(c.issuedAt) })}</span>
              <br />
              <span>{c.expiresAt ? t('cert.expires', { date: formatDateTime(c.expiresAt) }) : t('cert.noExpiry')}</span>
              {c.state !== 'revoked' && (
                <div>
                  <button
                    type="button"
                    className="danger"
                    disabled={!reasonOk || revoke.isPending}
                    onClick={() => revoke.mutate(c)}
                  >
                    {t('certs.revoke', { course: c.course.name })}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('certs.giveTitle')}</h3>
      <SelectField
        label={t('newSession.course')}
        value={courseId}
        onChange={(e) => setCourseId(e.target.value)}
        options={[
          { value: '', label: t('newSession.pickCourse') },
          ...(courses.data?.courses ?? []).filter((c) => !c.archived).map((c) => ({ value: c.id, label: c.name })),
        ]}
      />
      <button
        type="button"
        className="primary"
        disabled={!courseId || !reasonOk || issue.isPending}
        onClick={() => issue.mutate()}
      >
        {t('certs.give')}
      </button>
    </section>
  );
}
