import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, ErrorNote, Field, SelectField } from '../../../kit/ui.tsx';
import { shiftsApi, WEEKDAYS, type CreateShiftBody } from '../api.ts';

type SlotDraft = { label: string; peopleNeeded: string; courseId: string };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Plan a shift: date and local times, weekly repeat on chosen days, and slots each with a required certification. */
export function ShiftForm({
  slug,
  pending,
  error,
  onSubmit,
}: {
  slug: string;
  pending: boolean;
  error: unknown;
  onSubmit: (b: CreateShiftBody) => void;
}) {
  const { t } = useTranslation('shifts');
  const courses = useQuery({ queryKey: ['shifts', slug, 'courses'], queryFn: () => shiftsApi.courses(slug) });
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [start, setStart] = useState('07:30');
  const [end, setEnd] = useState('08:30');
  const [repeat, setRepeat] = useState<'none' | 'weekly'>('weekly');
  const [days, setDays] = useState<string[]>([]);
  const [skip, setSkip] = useState('');
  const [slots, setSlots] = useState<SlotDraft[]>([{ label: '', peopleNeeded: '1', courseId: '' }]);
  const [cutoff, setCutoff] = useState('12');
  const [reminders, setReminders] = useState('24 1');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const setSlot = (i: number, patch: Partial<SlotDraft>) => setSlots(slots.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const courseOptions = [
    { value: '', label: t('plan.noCertification') },
    ...(courses.data?.courses ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!title.trim()) next.title = t('site.required');
    if (!DATE.test(date)) next.date = t('plan.dateInvalid');
    if (repeat === 'weekly' && days.length === 0) next.days = t('plan.daysRequired');
    const exceptions = skip.split(/[\s,;]+/).filter(Boolean);
    if (exceptions.some((d) => !DATE.test(d))) next.skip = t('plan.dateInvalid');
    const cutoffHours = Number(cutoff);
    if (!Number.isInteger(cutoffHours) || cutoffHours < 0 || cutoffHours > 168) next.cutoff = t('plan.hoursInvalid');
    // Hours before the start, e.g. "24 1"; sent as minutes.
    const reminderHours = reminders
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(Number);
    if (reminderHours.length > 4 || reminderHours.some((h) => !Number.isFinite(h) || h * 60 < 5 || h > 168))
      next.reminders = t('plan.hoursInvalid');
    slots.forEach((s, i) => {
      const n = Number(s.peopleNeeded);
      if (!Number.isInteger(n) || n < 1 || n > 100) next[`slot${i}`] = t('plan.peopleInvalid');
    });
    setErrs(next);
    if (Object.keys(next).length) return;
    onSubmit({
      title: title.trim(),
      startDate: date,
      startTime: start,
      endTime: end,
      rrule: repeat === 'weekly' ? `FREQ=WEEKLY;BYDAY=${WEEKDAYS.filter((d) => days.includes(d)).join(',')}` : undefined,
      exceptions,
      cancelCutoffHours: cutoffHours,
      reminderMinutes: reminderHours.map((h) => Math.round(h * 60)),
      slots: slots.map((s) => ({
        label: s.label.trim() || undefined,
        peopleNeeded: Number(s.peopleNeeded),
        courseId: s.courseId || null,
      })),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Field
        label={t('plan.shiftTitle')}
        hint={t('plan.shiftTitleHint')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errs.title}
        required
        autoComplete="off"
      />
      <Field
        label={t('plan.date')}
        type="date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        error={errs.date}
        required
      />
      <Field label={t('plan.start')} type="time" value={start} onChange={(e) => setStart(e.target.value)} required />
      <Field
        label={t('plan.end')}
        hint={t('plan.endHint')}
        type="time"
        value={end}
        onChange={(e) => setEnd(e.target.value)}
        required
      />
      <SelectField
        label={t('plan.repeat')}
        value={repeat}
        onChange={(e) => setRepeat(e.target.value as 'none' | 'weekly')}
        options={[
          { value: 'weekly', label: t('plan.weekly') },
          { value: 'none', label: t('plan.once') },
        ]}
      />
      {repeat === 'weekly' && (
        <>
          <CheckboxGroup
            legend={t('plan.days')}
            options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekdays.${d}`) }))}
            value={days}
            onChange={setDays}
            describedBy={errs.days ? 'plan-days-err' : undefined}
          />
          {errs.days && (
            <p className="field-error" id="plan-days-err">
              {errs.days}
            </p>
          )}
          <Field
            label={t('plan.skip')}
            hint={t('plan.skipHint')}
            dir="ltr"
            value={skip}
            onChange={(e) => setSkip(e.target.value)}
            error={errs.skip}
            autoComplete="off"
          />
        </>
      )}
      {slots.map((s, i) => (
        <fieldset key={i}>
          <legend>{t('plan.slot', { n: i + 1 })}</legend>
          <Field
            label={t('plan.slotLabel')}
            value={s.label}
            onChange={(e) => setSlot(i, { label: e.target.value })}
            autoComplete="off"
          />
          <Field
            label={t('plan.people')}
            type="number"
            min={1}
            max={100}
            inputMode="numeric"
            value={s.peopleNeeded}
            onChange={(e) => setSlot(i, { peopleNeeded: e.target.value })}
            error={errs[`slot${i}`]}
            required
          />
          <SelectField
            label={t('plan.certification')}
            value={s.courseId}
            onChange={(e) => setSlot(i, { courseId: e.target.value })}
            options={courseOptions}
          />
          {slots.length > 1 && (
            <button type="button" className="secondary" onClick={() => setSlots(slots.filter((_, j) => j !== i))}>
              {t('plan.removeSlot')}
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
      <Field
        label={t('plan.cutoff')}
        hint={t('plan.cutoffHint')}
        type="number"
        min={0}
        max={168}
        inputMode="numeric"
        value={cutoff}
        onChange={(e) => setCutoff(e.target.value)}
        error={errs.cutoff}
      />
      <Field
        label={t('plan.reminders')}
        hint={t('plan.remindersHint')}
        dir="ltr"
        value={reminders}
        onChange={(e) => setReminders(e.target.value)}
        error={errs.reminders}
        autoComplete="off"
      />
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={pending}>
        {t('plan.create')}
      </button>
    </form>
  );
}
