import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { serverFieldErrors } from '../../../kit/api.ts';
import { LANGUAGES } from '@switchboard/shared/runtime';
import { ErrorNote, Field, Loading, PageTitle, SelectField } from '../../../kit/ui.tsx';
import { trainingApi } from '../api.ts';

/** Schedule a session: course, day and times (the network's local time), place or link, language, places. */
export function NewSessionPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('training');
  const { t: tc } = useTranslation('common');
  const navigate = useNavigate();
  const courses = useQuery({ queryKey: ['training', slug, 'courses'], queryFn: () => trainingApi.courses(slug) });
  const [form, setForm] = useState({
    courseId: '',
    date: '',
    start: '18:00',
    end: '20:00',
    place: '',
    onlineUrl: '',
    language: 'en',
    capacity: '20',
  });
  const [missing, setMissing] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const create = useMutation({
    mutationFn: () =>
      trainingApi.createSession(slug, {
        courseId: form.courseId,
        startsAtLocal: `${form.date}T${form.start}`,
        endsAtLocal: `${form.date}T${form.end}`,
        ...(form.place.trim() ? { place: form.place.trim() } : {}),
        ...(form.onlineUrl.trim() ? { onlineUrl: form.onlineUrl.trim() } : {}),
        language: form.language as 'en',
        capacity: Number(form.capacity),
      }),
    onSuccess: () => void navigate(`/n/${encodeURIComponent(slug)}/training`, { state: { created: true } }),
  });
  const fieldErrors = serverFieldErrors(create.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.courseId || !form.date || (!form.place.trim() && !form.onlineUrl.trim())) {
      setMissing(t('newSession.missing'));
      return;
    }
    setMissing(null);
    create.mutate();
  };
  if (courses.isPending) return <Loading />;
  if (courses.isError) return <ErrorNote error={courses.error} />;
  const open = courses.data.courses.filter((c) => !c.archived);

  return (
    <section className="narrow">
      <PageTitle>{t('newSession.title')}</PageTitle>
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          label={t('newSession.course')}
          value={form.courseId}
          onChange={set('courseId')}
          options={[{ value: '', label: t('newSession.pickCourse') }, ...open.map((c) => ({ value: c.id, label: c.name }))]}
        />
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
          min={1}
          max={1000}
          value={form.capacity}
          onChange={set('capacity')}
          required
          error={fieldErrors.capacity}
        />
        {missing && (
          <p role="alert" className="status err">
            {missing}
          </p>
        )}
        <ErrorNote error={create.error} />
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('newSession.create')}
        </button>
      </form>
    </section>
  );
}
