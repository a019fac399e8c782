import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { serverFieldErrors } from '../../../kit/api.ts';
import { LANGUAGES } from '@switchboard/shared/runtime';
import { ErrorNote, Field, Loading, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { useTrainingAccess } from '../access.ts';
import { trainingApi, type SessionT, type UpdateSessionBody } from '../api.ts';

type Form = {
  date: string;
  start: string;
  end: string;
  place: string;
  onlineUrl: string;
  language: string;
  capacity: string;
  trainer: { id: string; displayName: string };
};

function formOf(s: SessionT): Form {
  return {
    date: s.startsAtLocal.slice(0, 10),
    start: s.startsAtLocal.slice(11),
    end: s.endsAtLocal.slice(11),
    place: s.place ?? '',
    onlineUrl: s.onlineUrl ?? '',
    language: s.language,
    capacity: String(s.capacity),
    trainer: s.trainer,
  };
}

/**
 * Only what changed, so saving the language alone messages nobody. Times are sent only when
 * the day or a time was touched: an untouched session that runs past midnight keeps its end.
 */
function changesOf(s: SessionT, f: Form): UpdateSessionBody {
  const out: UpdateSessionBody = {};
  const startsAtLocal = `${f.date}T${f.start}`;
  const endsAtLocal = `${f.date}T${f.end}`;
  const was = formOf(s);
  if (f.date !== was.date || f.start !== was.start || f.end !== was.end) Object.assign(out, { startsAtLocal, endsAtLocal });
  const place = f.place.trim() || null;
  const onlineUrl = f.onlineUrl.trim() || null;
  if (place !== s.place) out.place = place;
  if (onlineUrl !== s.onlineUrl) out.onlineUrl = onlineUrl;
  if (f.language !== s.language) out.language = f.language as SessionT['language'];
  if (Number(f.capacity) !== s.capacity) out.capacity = Number(f.capacity);
  if (f.trainer.id !== s.trainer.id) out.trainerAccountId = f.trainer.id;
  return out;
}

/** Change a scheduled session: day and times, place or link, language, places and trainer. */
export function EditSessionPage() {
  const { slug = '', sessionId = '' } = useParams();
  const { t } = useTranslation('training');
  const access = useTrainingAccess(slug);
  const session = useQuery({
    queryKey: ['training', slug, 'session', sessionId],
    queryFn: () => trainingApi.session(slug, sessionId),
  });
  const home = `/n/${encodeURIComponent(slug)}/training`;

  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorNote error={session.error} />;
  const s = session.data;
  return (
    <section className="narrow">
      <PageTitle>{t('editSession.title', { course: s.course.name })}</PageTitle>
      <p className="links">
        <Link to={home}>{t('nav.home')}</Link>
      </p>
      {!access?.manager ? (
        <p className="muted">{t('editSession.notManager')}</p>
      ) : s.status === 'cancelled' ? (
        <p className="muted">{t('editSession.cancelled')}</p>
      ) : (
        <EditSessionForm slug={slug} session={s} home={home} />
      )}
    </section>
  );
}

function EditSessionForm({ slug, session: s, home }: { slug: string; session: SessionT; home: string }) {
  const { t } = useTranslation('training');
  const { t: tc } = useTranslation('common');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(s));
  const [note, setNote] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const set = (k: Exclude<keyof Form, 'trainer'>) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const people = s.registered + s.waitlisted;
  const save = useMutation({
    mutationFn: (body: UpdateSessionBody) => trainingApi.updateSession(slug, s.id, body),
    onSuccess: async (_saved, body) => {
      const moved = body.startsAtLocal !== undefined || body.place !== undefined || body.onlineUrl !== undefined;
      await qc.invalidateQueries({ queryKey: ['training', slug] });
      void navigate(home, {
        state: { done: moved && people > 0 ? t('editSession.savedTold', { people }) : t('editSession.saved') },
      });
    },
  });
  const fieldErrors = serverFieldErrors(save.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    if (!form.date || !form.start || !form.end || (!form.place.trim() && !form.onlineUrl.trim())) {
      setMissing(t('editSession.missing'));
      return;
    }
    setMissing(null);
    const body = changesOf(s, form);
    if (Object.keys(body).length === 0) {
      setNote(t('editSession.noChanges'));
      return;
    }
    save.mutate(body);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="edit-session-heading">
      <h2 id="edit-session-heading">{t('editSession.details')}</h2>
      <p className="hint" id="edit-session-tell">
        {t('editSession.tellHint', { people })}
      </p>
      <Field
        label={t('newSession.date')}
        type="date"
        value={form.date}
        onChange={set('date')}
        required
        error={fieldErrors.startsAtLocal}
      />
      <Field
        label={t('newSession.start')}
        type="time"
        value={form.start}
        onChange={set('start')}
        required
        hint={t('newSession.timeHint')}
      />
      <Field
        label={t('newSession.end')}
        type="time"
        value={form.end}
        onChange={set('end')}
        required
        error={fieldErrors.endsAtLocal}
      />
      <Field
        label={t('newSession.place')}
        value={form.place}
        onChange={set('place')}
        hint={t('newSession.placeHint')}
        error={fieldErrors.place}
      />
      <Field
        label={t('newSession.onlineUrl')}
        type="url"
        value={form.onlineUrl}
        onChange={set('onlineUrl')}
        error={fieldErrors.onlineUrl}
      />
      <SelectField
        label={t('newSession.language')}
        value={form.language}
        onChange={set('language')}
        options={LANGUAGES.map((l) => ({ value: l, label: tc(`languages.${l}`) }))}
      />
      <Field
        label={t('newSession.capacity')}
        type="number"
        inputMode="numeric"
        min={Math.max(1, s.registered)}
        max={1000}
        value={form.capacity}
        onChange={set('capacity')}
        required
        hint={t('editSession.capacityHint', { registered: s.registered })}
        error={fieldErrors.capacity}
      />
      <TrainerPicker slug={slug} trainer={form.trainer} onPick={(trainer) => setForm({ ...form, trainer })} />
      {missing && (
        <p role="alert" className="status err">
          {missing}
        </p>
      )}
      <Status message={note} />
      <ErrorNote error={save.error} />
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('editSession.save')}
      </button>
    </form>
  );
}

/** The session's trainer, and a search to hand the session to another member. */
function TrainerPicker({
  slug,
  trainer,
  onPick,
}: {
  slug: string;
  trainer: { id: string; displayName: string };
  onPick: (p: { id: string; displayName: string }) => void;
}) {
  const { t } = useTranslation('training');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const search = useMutation({ mutationFn: () => trainingApi.people(slug, q.trim()) });
  const find = () => {
    if (q.trim().length >= 2) search.mutate();
  };
  // Enter in the search box searches; it must not save the whole form.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find();
    }
  };
  return (
    <fieldset>
      <legend>{t('editSession.trainer')}</legend>
      <p>{t('session.trainer', { name: trainer.displayName })}</p>
      <Field
        label={t('editSession.findTrainer')}
        hint={t('attendance.walkInHint')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKeyDown}
        minLength={2}
        autoComplete="off"
      />
      <button type="button" className="secondary" onClick={find} disabled={search.isPending}>
        {t('attendance.find')}
      </button>
      <ErrorNote error={search.error} />
      <div role="status">
        {picked && <p>{picked}</p>}
        {search.data &&
          (search.data.people.length === 0 ? (
            <p className="muted">{t('attendance.noneFound')}</p>
          ) : (
            <ul className="walk-in-results">
              {search.data.people.map((p) => (
                <li key={p.accountId}>
                  <span>{p.displayName}</span>
                  <button
                    type="button"
                    className="secondary"
                    disabled={p.accountId === trainer.id}
                    onClick={() => {
                      onPick({ id: p.accountId, displayName: p.displayName });
                      setPicked(t('editSession.trainerPicked', { name: p.displayName }));
                    }}
                  >
                    {t('editSession.choose', { name: p.displayName })}
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </div>
    </fieldset>
  );
}
