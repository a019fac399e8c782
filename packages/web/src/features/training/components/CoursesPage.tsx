import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { serverFieldErrors } from '../../../kit/api.ts';
import { QUALIFICATIONS } from '@switchboard/shared/runtime';
import { CheckboxGroup, ErrorNote, Field, Loading, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { formatList } from '../../../kit/format.ts';
import { useTrainingAccess } from '../access.ts';
import { trainingApi, type CourseT } from '../api.ts';

const EMPTY = {
  key: '',
  name: '',
  description: '',
  validityMonths: '12',
  qualification: '',
  issueOn: 'attendance',
  prerequisites: [] as string[],
};

/** Courses: the list with validity, prerequisites and what each certifies for, and a form to add one. */
export function CoursesPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('training');
  const access = useTrainingAccess(slug);
  const qc = useQueryClient();
  const key = ['training', slug, 'courses'];
  const courses = useQuery({ queryKey: key, queryFn: () => trainingApi.courses(slug) });
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      trainingApi.createCourse(slug, {
        key: form.key.trim(),
        name: form.name.trim(),
        description: form.description.trim(),
        validityMonths: form.validityMonths ? Number(form.validityMonths) : null,
        qualification: (form.qualification || null) as CourseT['qualification'],
        issueOn: form.issueOn as CourseT['issueOn'],
        prerequisites: form.prerequisites,
      }),
    onMutate: () => setDone(null),
    onSuccess: async (c) => {
      setDone(t('courses.created', { name: c.name }));
      setForm(EMPTY);
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  const archive = useMutation({
    mutationFn: (c: CourseT) => trainingApi.updateCourse(slug, c.id, { archived: !c.archived }),
    onSuccess: async (c) => {
      setDone(c.archived ? t('courses.archivedDone', { name: c.name }) : t('courses.restoredDone', { name: c.name }));
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  const errors = serverFieldErrors(create.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (courses.isPending) return <Loading />;
  if (courses.isError) return <ErrorNote error={courses.error} />;
  const names = new Map(courses.data.courses.map((c) => [c.id, c.name]));

  return (
    <section className="narrow">
      <PageTitle>{t('courses.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/training`}>{t('nav.home')}</Link>
      </p>
      <Status message={done} />
      <ErrorNote error={archive.error} />
      <ul className="cards">
        {courses.data.courses.map((c) => (
          <li key={c.id} className="card">
            <h2>
              {c.name} {c.archived && <span className="badge removed">{t('courses.archived')}</span>}
            </h2>
            {c.description && <p>{c.description}</p>}
            <dl className="facts">
              <dt>{t('courses.validity')}</dt>
              <dd>{c.validityMonths ? t('courses.months', { count: c.validityMonths }) : t('courses.noExpiry')}</dd>
              <dt>{t('courses.issueOn')}</dt>
              <dd>{t(`issueOn.${c.issueOn}`)}</dd>
              <dt>{t('courses.qualification')}</dt>
              <dd>{c.qualification ? t(`qualification.${c.qualification}`) : t('courses.none')}</dd>
              <dt>{t('courses.prerequisites')}</dt>
              <dd>{c.prerequisites.length ? c.prerequisites.map((id) => names.get(id) ?? '').join(', ') : t('courses.none')}</dd>
            </dl>
            {access?.manager && (
              <EditCourse
                slug={slug}
                course={c}
                courses={courses.data.courses}
                canQualify={access.canQualify}
                onSaved={(name) => setDone(t('courses.saved', { name }))}
              />
            )}
            {access?.manager && (
              <button type="button" className="secondary" onClick={() => archive.mutate(c)} disabled={archive.isPending}>
                {c.archived ? t('courses.restore', { name: c.name }) : t('courses.archive', { name: c.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {access?.manager && (
        <form onSubmit={onSubmit} aria-labelledby="new-course">
          <h2 id="new-course">{t('courses.new')}</h2>
          <Field label={t('courses.name')} value={form.name} onChange={set('name')} required error={errors.name} />
          <Field
            label={t('courses.key')}
            hint={t('courses.keyHint')}
            value={form.key}
            onChange={set('key')}
            required
            pattern="[a-z0-9][a-z0-9-]*"
            error={errors.key}
          />
          <Field label={t('courses.description')} value={form.description} onChange={set('description')} />
          <Field
            label={t('courses.validityMonths')}
            hint={t('courses.validityHint')}
            type="number"
            inputMode="numeric"
            min={1}
            max={120}
            value={form.validityMonths}
            onChange={set('validityMonths')}
            error={errors.validityMonths}
          />
          <SelectField
            label={t('courses.issueOn')}
            value={form.issueOn}
            onChange={set('issueOn')}
            options={(['attendance', 'signoff'] as const).map((v) => ({ value: v, label: t(`issueOn.${v}`) }))}
          />
          {access.canQualify && (
            <SelectField
              label={t('courses.qualification')}
              value={form.qualification}
              onChange={set('qualification')}
              options={[
                { value: '', label: t('courses.none') },
                ...QUALIFICATIONS.map((q) => ({ value: q, label: t(`qualification.${q}`) })),
              ]}
            />
          )}
          {courses.data.courses.length > 0 && (
            <CheckboxGroup
              legend={t('courses.prerequisites')}
              options={courses.data.courses.filter((c) => !c.archived).map((c) => ({ value: c.id, label: c.name }))}
              value={form.prerequisites}
              onChange={(prerequisites) => setForm({ ...form, prerequisites })}
            />
          )}
          <ErrorNote error={create.error} />
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('courses.create')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * Courses that need `courseId`, directly or through others. Offering one of them as a
 * prerequisite of `courseId` would make a cycle nobody could ever register through.
 */
function coursesNeeding(courseId: string, courses: CourseT[]): Set<string> {
  const out = new Set<string>();
  const queue = [courseId];
  while (queue.length) {
    const id = queue.shift()!;
    for (const c of courses) {
      if (c.prerequisites.includes(id) && !out.has(c.id)) {
        out.add(c.id);
        queue.push(c.id);
      }
    }
  }
  return out;
}

/** Change a course's validity, certification rule, prerequisites, description and (coordinators) dispatch qualification. */
function EditCourse({
  slug,
  course,
  courses,
  canQualify,
  onSaved,
}: {
  slug: string;
  course: CourseT;
  courses: CourseT[];
  canQualify: boolean;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation('training');
  const qc = useQueryClient();
  const [form, setForm] = useState({
    description: course.description,
    validityMonths: course.validityMonths ? String(course.validityMonths) : '',
    issueOn: course.issueOn as string,
    qualification: course.qualification ?? '',
  });
  const [prerequisites, setPrerequisites] = useState<string[]>(course.prerequisites);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const needing = coursesNeeding(course.id, courses);
  // Archived courses are offered only while still required, so they can be removed.
  const offered = courses.filter(
    (c) => c.id !== course.id && !needing.has(c.id) && (!c.archived || prerequisites.includes(c.id)),
  );
  const hintId = `prereq-hint-${course.id}`;
  const save = useMutation({
    mutationFn: () =>
      trainingApi.updateCourse(slug, course.id, {
        description: form.description.trim(),
        validityMonths: form.validityMonths ? Number(form.validityMonths) : null,
        issueOn: form.issueOn as CourseT['issueOn'],
        prerequisites,
        ...(canQualify ? { qualification: (form.qualification || null) as CourseT['qualification'] } : {}),
      }),
    onSuccess: async (c) => {
      onSaved(c.name);
      await qc.invalidateQueries({ queryKey: ['training', slug, 'courses'] });
    },
  });
  const errors = serverFieldErrors(save.error);
  return (
    <details>
      <summary>{t('courses.edit', { name: course.name })}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label={t('courses.description')} value={form.description} onChange={set('description')} />
        <Field
          label={t('courses.validityMonths')}
          hint={t('courses.validityEditHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          value={form.validityMonths}
          onChange={set('validityMonths')}
          error={errors.validityMonths}
        />
        <SelectField
          label={t('courses.issueOn')}
          value={form.issueOn}
          onChange={set('issueOn')}
          options={(['attendance', 'signoff'] as const).map((v) => ({ value: v, label: t(`issueOn.${v}`) }))}
        />
        {canQualify && (
          <SelectField
            label={t('courses.qualification')}
            value={form.qualification}
            onChange={set('qualification')}
            options={[
              { value: '', label: t('courses.none') },
              ...QUALIFICATIONS.map((q) => ({ value: q, label: t(`qualification.${q}`) })),
            ]}
          />
        )}
        <p className="hint" id={hintId}>
          {needing.size > 0
            ? t('courses.prerequisitesCycleHint', {
                courses: formatList(courses.filter((c) => needing.has(c.id)).map((c) => c.name)),
              })
            : t('courses.prerequisitesHint')}
        </p>
        {offered.length > 0 ? (
          <CheckboxGroup
            legend={t('courses.prerequisites')}
            options={offered.map((c) => ({ value: c.id, label: c.name }))}
            value={prerequisites}
            onChange={setPrerequisites}
            describedBy={hintId}
          />
        ) : (
          <p className="muted">{t('courses.noPrerequisitesPossible')}</p>
        )}
        <ErrorNote error={save.error} />
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('courses.save')}
        </button>
      </form>
    </details>
  );
}
