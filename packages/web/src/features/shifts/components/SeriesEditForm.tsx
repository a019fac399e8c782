import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Field, SelectField } from '../../../kit/ui.tsx';
import { shiftsApi, type Course, type EditResultT, type SeriesT } from '../api.ts';
import { formatLocalDate } from './bits.tsx';

type SlotDraft = { id?: string; label: string; peopleNeeded: string; courseId: string };

/**
 * Change a shift from a date on: name, times, and groups (people needed; a group can be
 * removed or added, but an existing group keeps its certification). Earlier dates stay as they were.
 */
export function SeriesEditForm({
  slug,
  series,
  courses,
  onCancel,
  onDone,
}: {
  slug: string;
  series: SeriesT;
  courses: Course[];
  onCancel: () => void;
  onDone: (r: EditResultT) => void;
}) {
  const { t } = useTranslation('shifts');
  const [from, setFrom] = useState(series.upcoming[0] ?? '');
  const [title, setTitle] = useState(series.title);
  const [start, setStart] = useState(series.startTime);
  const [end, setEnd] = useState(series.endTime);
  const [slots, setSlots] = useState<SlotDraft[]>(
    series.slots.map((s) => ({
      id: s.id,
      label: s.label ?? '',
      peopleNeeded: String(s.peopleNeeded),
      courseId: s.courseId ?? '',
    })),
  );
  const [errs, setErrs] = useState<Record<string, string>>({});
  const setSlot = (i: number, patch: Partial<SlotDraft>) => setSlots(slots.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const courseName = (id: string) => courses.find((c) => c.id === id)?.name ?? '—';
  const save = useMutation({ mutationFn: () => shiftsApi.editSeries(slug, series.id, body()), onSuccess: onDone });
  const body = () => ({
    fromDate: from,
    title: title.trim(),
    startTime: start,
    endTime: end,
    slots: slots.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      label: s.label.trim() || undefined,
      peopleNeeded: Number(s.peopleNeeded),
      courseId: s.courseId || null,
    })),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!title.trim()) next.title = t('site.required');
    slots.forEach((s, i) => {
      const n = Number(s.peopleNeeded);
      if (!Number.isInteger(n) || n < 1 || n > 100) next[`slot${i}`] = t('plan.peopleInvalid');
    });
    setErrs(next);
    if (Object.keys(next).length === 0) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <SelectField
        label={t('edit.from')}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        options={series.upcoming.map((d) => ({ value: d, label: formatLocalDate(d) }))}
      />
      <p className="muted">{t('edit.fromHint')}</p>
      <Field
        label={t('edit.name')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errs.title}
        required
        autoComplete="off"
      />
      <Field label={t('edit.start')} type="time" value={start} onChange={(e) => setStart(e.target.value)} required />
      <Field
        label={t('edit.end')}
        hint={t('plan.endHint')}
        type="time"
        value={end}
        onChange={(e) => setEnd(e.target.value)}
        required
      />
      {slots.map((s, i) => (
        <fieldset key={s.id ?? `new-${i}`}>
          <legend>{t('plan.slot', { n: i + 1 })}</legend>
          <Field
            label={t('edit.groupLabel')}
            value={s.label}
            onChange={(e) => setSlot(i, { label: e.target.value })}
            autoComplete="off"
          />
          <Field
            label={t('edit.people')}
            hint={s.id ? t('edit.peopleHint') : undefined}
            type="number"
            min={1}
            max={100}
            inputMode="numeric"
            value={s.peopleNeeded}
            onChange={(e) => setSlot(i, { peopleNeeded: e.target.value })}
            error={errs[`slot${i}`]}
            required
          />
          {s.id ? (
            <p className="muted">
              {s.courseId ? t('edit.courseFixed', { course: courseName(s.courseId) }) : t('edit.noCourseFixed')}
            </p>
          ) : (
            <SelectField
              label={t('edit.course')}
              value={s.courseId}
              onChange={(e) => setSlot(i, { courseId: e.target.value })}
              options={[{ value: '', label: t('plan.noCertification') }, ...courses.map((c) => ({ value: c.id, label: c.name }))]}
            />
          )}
          {slots.length > 1 && (
            <button type="button" className="secondary" onClick={() => setSlots(slots.filter((_, j) => j !== i))}>
              {s.id ? t('edit.removeGroup') : t('plan.removeSlot')}
            </button>
          )}
        </fieldset>
      ))}
      {slots.length < 10 && (
        <button
          type="button"
          className="secondary"
          onClick={() => setSlots([...slots, { label: '', peopleNeeded: '1', courseId: '' }])}
        >
          {t('plan.addSlot')}
        </button>
      )}
      <p className="muted">{t('edit.peopleTold')}</p>
      <ErrorNote error={save.error} />
      <p className="links">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('edit.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('edit.cancel')}
        </button>
      </p>
    </form>
  );
}
