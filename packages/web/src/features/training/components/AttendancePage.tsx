import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, Field, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { trainingApi, type RosterT } from '../api.ts';
import { SessionFill, SessionWhen } from './bits.tsx';

type Person = { accountId: string; displayName: string; walkIn: boolean; waiting: boolean };

/**
 * The trainer's attendance sheet, made for a phone: one big checkbox per person named on
 * it, walk-ins found by name and added, then one "Save attendance" button. Courses
 * certified on sign-off get a second box per person.
 */
export function AttendancePage() {
  const { slug = '', sessionId = '' } = useParams();
  const { t } = useTranslation('training');
  const qc = useQueryClient();
  const key = ['training', slug, 'roster', sessionId];
  const roster = useQuery({ queryKey: key, queryFn: () => trainingApi.roster(slug, sessionId) });
  const [people, setPeople] = useState<Person[]>([]);
  const [present, setPresent] = useState<Set<string>>(new Set());
  const [signed, setSigned] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);

  // Start from what was saved last time (or nobody ticked).
  useEffect(() => {
    if (!roster.data) return;
    setPeople(
      roster.data.people.map((p) => ({
        accountId: p.accountId,
        displayName: p.displayName,
        walkIn: p.walkIn,
        waiting: p.status === 'waitlisted',
      })),
    );
    setPresent(new Set(roster.data.people.filter((p) => p.attended).map((p) => p.accountId)));
    setSigned(new Set(roster.data.people.filter((p) => p.signedOff).map((p) => p.accountId)));
  }, [roster.data]);

  const save = useMutation({
    mutationFn: () =>
      trainingApi.saveAttendance(
        slug,
        sessionId,
        [...present],
        [...signed].filter((id) => present.has(id)),
      ),
    onMutate: () => setDone(null),
    onSuccess: async (r) => {
      qc.setQueryData(key, r.roster);
      setDone(t('attendance.saved', { present: present.size, issued: r.issued, withdrawn: r.withdrawn }));
      await qc.invalidateQueries({ queryKey: ['training', slug, 'sessions'] });
    },
  });

  if (roster.isPending) return <Loading />;
  if (roster.isError) return <ErrorNote error={roster.error} />;
  const session = roster.data.session;
  const signoff = session.course.issueOn === 'signoff';
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const addWalkIn = (p: { accountId: string; displayName: string }) => {
    if (!people.some((x) => x.accountId === p.accountId)) setPeople([...people, { ...p, walkIn: true, waiting: false }]);
    setPresent(toggle(present, p.accountId, true));
    setDone(t('attendance.walkInAdded', { name: p.displayName }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const certifiedNow = new Set(roster.data.people.filter((p) => p.certified).map((p) => p.accountId));

  return (
    <section className="narrow">
      <PageTitle>{t('attendance.title', { course: session.course.name })}</PageTitle>
      <p>
        <SessionWhen session={session} />
        <br />
        <SessionFill session={session} />
      </p>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/training`}>{t('nav.home')}</Link>
      </p>
      <p className="hint">{signoff ? t('attendance.hintSignoff') : t('attendance.hint')}</p>
      <form onSubmit={onSubmit} aria-label={t('attendance.formLabel')}>
        <fieldset>
          <legend>{t('attendance.legend')}</legend>
          {people.length === 0 ? (
            <p className="muted">{t('attendance.nobody')}</p>
          ) : (
            <ul className="attendance-list">
              {people.map((p) => (
                <li key={p.accountId}>
                  <label>
                    <input
                      type="checkbox"
                      checked={present.has(p.accountId)}
                      onChange={(e) => setPresent(toggle(present, p.accountId, e.target.checked))}
                    />
                    <span>{p.displayName}</span>
                  </label>
                  {p.walkIn && <span className="badge">{t('attendance.walkIn')}</span>}
                  {p.waiting && <span className="badge pending">{t('attendance.waiting')}</span>}
                  {certifiedNow.has(p.accountId) && <span className="badge active">{t('attendance.certified')}</span>}
                  {signoff && (
                    <label className="signoff">
                      <input
                        type="checkbox"
                        checked={signed.has(p.accountId)}
                        disabled={!present.has(p.accountId)}
                        onChange={(e) => setSigned(toggle(signed, p.accountId, e.target.checked))}
                      />
                      <span>{t('attendance.signOff', { name: p.displayName })}</span>
                    </label>
                  )}
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div className="sticky-save">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('attendance.save')}
          </button>
        </div>
      </form>
      <Status message={done} />
      <ErrorNote error={save.error} />
      <WalkInSearch slug={slug} roster={roster.data} onAdd={addWalkIn} />
    </section>
  );
}

/** Find a network member by name or email and add them as a walk-in. */
function WalkInSearch({
  slug,
  roster,
  onAdd,
}: {
  slug: string;
  roster: RosterT;
  onAdd: (p: { accountId: string; displayName: string }) => void;
}) {
  const { t } = useTranslation('training');
  const [q, setQ] = useState('');
  const search = useMutation({ mutationFn: () => trainingApi.people(slug, q.trim()) });
  const onRoster = new Set(roster.people.map((p) => p.accountId));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim().length >= 2) search.mutate();
      }}
      aria-labelledby="walk-in-heading"
    >
      <h2 id="walk-in-heading">{t('attendance.walkInTitle')}</h2>
      <Field
        label={t('attendance.walkInSearch')}
        hint={t('attendance.walkInHint')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        minLength={2}
        autoComplete="off"
      />
      <button type="submit" className="secondary" disabled={search.isPending}>
        {t('attendance.find')}
      </button>
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
                  <button type="button" className="secondary" disabled={onRoster.has(p.accountId)} onClick={() => onAdd(p)}>
                    {t('attendance.add', { name: p.displayName })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
