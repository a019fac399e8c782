import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ConfirmButton, ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { useTrainingAccess } from '../access.ts';
import { trainingApi, type SessionT } from '../api.ts';
import { CertificationBadge, SessionFill, SessionWhen } from './bits.tsx';

type Action = 'register' | 'waitlist' | 'cancel' | 'cancelSession';

/** Training home: upcoming sessions with their fill and the person's place, then their certifications. */
export function TrainingHome() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('training');
  const access = useTrainingAccess(slug);
  const qc = useQueryClient();
  // A screen that sends people back here may say what it did (created, or a session changed).
  const arrived = useLocation().state as { created?: boolean; done?: string } | null;
  const [done, setDone] = useState<string | null>(arrived?.done ?? (arrived?.created ? t('home.created') : null));
  const sessions = useQuery({ queryKey: ['training', slug, 'sessions'], queryFn: () => trainingApi.sessions(slug) });
  const certs = useQuery({ queryKey: ['training', slug, 'mine'], queryFn: () => trainingApi.myCertifications(slug) });
  const act = useMutation({
    mutationFn: async ({ id, action }: { id: string; action: Action }) =>
      action === 'cancelSession'
        ? (await trainingApi.cancelSession(slug, id)).mine
        : action === 'cancel'
          ? trainingApi.cancel(slug, id)
          : trainingApi.register(slug, id, action === 'waitlist'),
    onMutate: () => setDone(null),
    onSuccess: async (mine, { action }) => {
      setDone(
        action === 'cancelSession'
          ? t('done.sessionCancelled')
          : mine.status === 'registered'
            ? t('done.registered')
            : mine.status === 'waitlisted'
              ? t('done.waitlisted', { position: mine.waitlistPosition })
              : t('done.cancelled'),
      );
      await qc.invalidateQueries({ queryKey: ['training', slug] });
    },
  });
  const base = `/n/${encodeURIComponent(slug)}/training`;

  return (
    <section className="narrow">
      <PageTitle>{t('home.title')}</PageTitle>
      {access?.manager && (
        <ul className="links" aria-label={t('home.manage')}>
          <li>
            <Link to={`${base}/sessions/new`}>{t('nav.newSession')}</Link>
          </li>
          <li>
            <Link to={`${base}/courses`}>{t('nav.courses')}</Link>
          </li>
          <li>
            <Link to={`${base}/dashboard`}>{t('nav.dashboard')}</Link>
          </li>
          <li>
            <Link to={`${base}/certifications`}>{t('nav.certifications')}</Link>
          </li>
          <li>
            <Link to={`${base}/import`}>{t('nav.import')}</Link>
          </li>
        </ul>
      )}
      <Status message={done} />
      <ErrorNote error={act.error} />
      <h2>{t('home.upcoming')}</h2>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorNote error={sessions.error} />
      ) : sessions.data.sessions.length === 0 ? (
        <p className="muted">{t('home.noSessions')}</p>
      ) : (
        <ul className="cards">
          {sessions.data.sessions.map((s) => (
            <SessionCard
              key={s.id}
              session={s}
              manager={!!access?.manager}
              base={base}
              pending={act.isPending}
              onAction={(action) => act.mutate({ id: s.id, action })}
            />
          ))}
        </ul>
      )}
      {access?.manager && <RecentSessions slug={slug} base={base} />}
      <h2>{t('home.myCertifications')}</h2>
      {certs.isPending ? (
        <Loading />
      ) : certs.isError ? (
        <ErrorNote error={certs.error} />
      ) : certs.data.certifications.length === 0 ? (
        <p className="muted">{t('home.noCertifications')}</p>
      ) : (
        <ul className="cards" aria-label={t('home.myCertifications')}>
          {certs.data.certifications.map((c) => (
            <li key={c.id} className="card">
              <strong>{c.course.name}</strong> <CertificationBadge cert={c} />
              <br />
              <span>{c.expiresAt ? t('cert.expires', { date: formatDateTime(c.expiresAt) }) : t('cert.noExpiry')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionCard({
  session: s,
  manager,
  base,
  pending,
  onAction,
}: {
  session: SessionT;
  manager: boolean;
  base: string;
  pending: boolean;
  onAction: (a: Action) => void;
}) {
  const { t } = useTranslation('training');
  const { t: tc } = useTranslation('common');
  const full = s.registered >= s.capacity;
  const headingId = `session-${s.id}`;
  return (
    <li className="card session-card">
      <h3 id={headingId}>{s.course.name}</h3>
      <p>
        <SessionWhen session={s} />
        <br />
        {s.place ?? (s.onlineUrl && <a href={s.onlineUrl}>{t('session.online')}</a>)}
        <br />
        {t('session.language', { language: tc(`languages.${s.language}`) })} ·{' '}
        {t('session.trainer', { name: s.trainer.displayName })}
        <br />
        <SessionFill session={s} />
        {s.status === 'cancelled' && <span className="badge removed">{t('session.cancelled')}</span>}
      </p>
      {s.mine.status === 'registered' && <p className="badge active">{t('session.youAreRegistered')}</p>}
      {s.mine.status === 'waitlisted' && (
        <p className="badge pending">{t('session.youAreWaiting', { position: s.mine.waitlistPosition })}</p>
      )}
      <div className="actions">
        {s.status === 'scheduled' && (s.mine.status === null || s.mine.status === 'cancelled') && (
          <button
            type="button"
            className="primary"
            disabled={pending}
            onClick={() => onAction(full ? 'waitlist' : 'register')}
            aria-describedby={headingId}
          >
            {full ? t('action.joinWaitlist') : t('action.register')}
          </button>
        )}
        {(s.mine.status === 'registered' || s.mine.status === 'waitlisted') && (
          <ConfirmButton
            label={s.mine.status === 'registered' ? t('action.cancel') : t('action.leaveWaitlist')}
            question={t('action.cancelQuestion')}
            confirmLabel={t('action.cancelConfirm')}
            onConfirm={() => onAction('cancel')}
            disabled={pending}
          />
        )}
        {manager && (
          <Link className="button" to={`${base}/sessions/${s.id}/attendance`}>
            {t('action.attendance')}
          </Link>
        )}
        {manager && s.status === 'scheduled' && (
          <Link className="button" to={`${base}/sessions/${s.id}/edit`} aria-describedby={headingId}>
            {t('action.editSession')}
          </Link>
        )}
        {manager && s.status === 'scheduled' && (
          <ConfirmButton
            label={t('action.cancelSession')}
            question={t('action.cancelSessionQuestion', { count: s.registered + s.waitlisted })}
            confirmLabel={t('action.cancelSessionConfirm')}
            onConfirm={() => onAction('cancelSession')}
            disabled={pending}
          />
        )}
      </div>
    </li>
  );
}

/** Sessions that ended in the last year, for trainers typing up attendance afterwards. */
function RecentSessions({ slug, base }: { slug: string; base: string }) {
  const { t } = useTranslation('training');
  const past = useQuery({ queryKey: ['training', slug, 'sessions', 'past'], queryFn: () => trainingApi.sessions(slug, 'past') });
  return (
    <>
      <h2>{t('home.recent')}</h2>
      {past.isPending ? (
        <Loading />
      ) : past.isError ? (
        <ErrorNote error={past.error} />
      ) : past.data.sessions.length === 0 ? (
        <p className="muted">{t('home.noRecent')}</p>
      ) : (
        <ul className="cards">
          {past.data.sessions.slice(0, 10).map((s) => (
            <li key={s.id} className="card">
              <strong>{s.course.name}</strong>
              <br />
              <SessionWhen session={s} />
              <br />
              {s.attendanceSavedAt ? (
                t('home.attendanceSaved')
              ) : (
                <span className="badge pending">{t('home.attendanceMissing')}</span>
              )}
              <div>
                <Link className="button" to={`${base}/sessions/${s.id}/attendance`}>
                  {t('action.attendance')}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
