import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LANGUAGES } from '@switchboard/shared/runtime';
import { serverFieldErrors } from '../../../kit/api.ts';
import { ErrorNote, Field, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { useCareAccess } from '../access.ts';
import { type CareRideT, ridesApi } from '../rides-api.ts';

/** The kinds of ride, in the order the form offers them. */
const RIDE_KINDS = [
  'court_hearing',
  'immigration_checkin',
  'school',
  'clinic',
  'detention_visit',
  'other',
] as const satisfies readonly CareRideT['kind'][];
// Fails to compile when the shared schema gains a kind this form does not offer.
const everyKind: Exclude<CareRideT['kind'], (typeof RIDE_KINDS)[number]> extends never ? true : false = true;
void everyKind;

const blank = { pickup: '', dropoff: '', contact: '', date: '', windowStart: '09:00', windowEnd: '09:30' };

/**
 * A member files a ride for someone: kind, typed pickup and drop-off (no map), a contact (a phone
 * for texts is enough), the day and pickup window, and whether a trained accompanier must come.
 * Nothing typed stays in the browser: the form empties after filing, with no draft in storage.
 */
export function NewRidePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('care');
  const { t: tc } = useTranslation('common');
  const access = useCareAccess(slug);
  const qc = useQueryClient();
  const [kind, setKind] = useState<CareRideT['kind']>('court_hearing');
  const [form, setForm] = useState(blank);
  const [language, setLanguage] = useState<string>('en');
  const [accompanier, setAccompanier] = useState(false);
  const [course, setCourse] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const courses = useQuery({
    queryKey: ['training', slug, 'courses'],
    queryFn: () => ridesApi.courses(slug),
    enabled: accompanier,
  });
  const courseId = course || courses.data?.courses.find((c) => c.key === 'legal-observer')?.id || courses.data?.courses[0]?.id;
  const file = useMutation({
    mutationFn: () =>
      ridesApi.file(slug, {
        kind,
        pickup: form.pickup.trim(),
        dropoff: form.dropoff.trim(),
        contact: form.contact.trim(),
        date: form.date,
        windowStart: form.windowStart,
        windowEnd: form.windowEnd,
        language: language as (typeof LANGUAGES)[number],
        accompanierRequired: accompanier,
        ...(accompanier && courseId ? { accompanierCourseId: courseId } : {}),
      }),
    onMutate: () => setDone(null),
    onSuccess: async () => {
      setForm(blank);
      setDone(t('rides.file.done'));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  if (access && !access.member) return <p className="muted">{t('file.noAccess')}</p>;
  const fields = serverFieldErrors(file.error);
  const text = (key: keyof typeof blank, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      required
      autoComplete="off"
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      error={fields[key]}
      {...extra}
    />
  );
  return (
    <section className="narrow">
      <PageTitle>{t('rides.file.title')}</PageTitle>
      <p className="hint">{t('rides.file.intro')}</p>
      <Status message={done} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          file.mutate();
        }}
      >
        <SelectField
          label={t('rides.file.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as CareRideT['kind'])}
          options={RIDE_KINDS.map((k) => ({ value: k, label: t(`rides.kinds.${k}`) }))}
        />
        {text('pickup', t('rides.pickup'), { hint: t('rides.file.pickupHint'), minLength: 3, maxLength: 500 })}
        {text('dropoff', t('rides.dropoff'), { minLength: 3, maxLength: 500 })}
        {text('contact', t('file.contact'), { hint: t('file.contactHint'), minLength: 3, maxLength: 200 })}
        {text('date', t('rides.file.date'), { type: 'date' })}
        {text('windowStart', t('rides.file.from'), { type: 'time' })}
        {text('windowEnd', t('rides.file.until'), { type: 'time' })}
        <SelectField
          label={t('file.language')}
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          options={LANGUAGES.map((l) => ({ value: l, label: tc(`languages.${l}`) }))}
        />
        <div className="field">
          <label>
            <input type="checkbox" checked={accompanier} onChange={(e) => setAccompanier(e.target.checked)} />{' '}
            {t('rides.accompanierRequired')}
          </label>
        </div>
        {accompanier && courses.data && (
          <SelectField
            label={t('rides.file.course')}
            value={courseId ?? ''}
            onChange={(e) => setCourse(e.target.value)}
            options={courses.data.courses.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        <ErrorNote error={courses.error ?? file.error} />
        <button type="submit" className="primary" disabled={file.isPending}>
          {t('rides.file.submit')}
        </button>
      </form>
    </section>
  );
}
