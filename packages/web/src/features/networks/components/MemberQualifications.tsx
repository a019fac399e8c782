import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUALIFICATIONS } from '@switchboard/shared/runtime';
import { CheckboxGroup, ErrorNote, Status } from '../../../kit/ui.tsx';
import { formatDateTime } from '../../../kit/format.ts';
import { networksApi, type MemberQualificationsT } from '../api.ts';

/** The query key of an organization's member qualifications (one request for the whole list). */
export const memberQualificationsKey = (slug: string, orgId: string) => ['member-qualifications', slug, orgId];

type Props = { slug: string; orgId: string; name: string; entry: MemberQualificationsT };

/**
 * A member's qualifications as dispatch counts them, each saying where it comes from,
 * and the ones set by hand as checkboxes a coordinator can save. Certified ones are
 * only shown: training sets them, and they lapse with the certification.
 */
export function MemberQualifications({ slug, orgId, name, entry }: Props) {
  const { t } = useTranslation('networks');
  const { t: td } = useTranslation('dispatch');
  const qc = useQueryClient();
  const hintId = useId();
  const titleId = useId();
  const [manual, setManual] = useState<string[]>(entry.manual);
  const [status, setStatus] = useState<string | null>(null);
  const label = (q: string) => td(`qualifications.${q}`);
  const save = useMutation({
    mutationFn: () =>
      networksApi.setQualifications(
        slug,
        entry.accountId,
        QUALIFICATIONS.filter((q) => manual.includes(q)),
      ),
    onMutate: () => setStatus(null),
    onSuccess: async (res) => {
      setStatus(res.qualifications.length ? t('org.qualifications.saved', { name }) : t('org.qualifications.cleared', { name }));
      await qc.invalidateQueries({ queryKey: memberQualificationsKey(slug, orgId) });
    },
  });
  const held = [
    ...entry.manual.map((q) => ({ key: `m-${q}`, q, source: t('org.qualifications.byHand') })),
    ...entry.certified.map((c) => ({
      key: `c-${c.qualification}`,
      q: c.qualification,
      source: c.expiresAt
        ? t('org.qualifications.certifiedUntil', { date: formatDateTime(c.expiresAt) })
        : t('org.qualifications.certifiedNoExpiry'),
    })),
  ];
  return (
    <div className="qualifications">
      {/* Not a heading: one per member would fill the page's heading list with the same word. */}
      <p id={titleId}>
        <strong>{t('org.qualifications.title')}</strong>
      </p>
      {held.length === 0 ? (
        <p className="muted">{t('org.qualifications.none')}</p>
      ) : (
        <ul aria-labelledby={titleId}>
          {held.map((h) => (
            <li key={h.key}>
              <strong>{label(h.q)}</strong> <span className="muted">({h.source})</span>
            </li>
          ))}
        </ul>
      )}
      <details className="roles">
        <summary>{t('org.qualifications.change')}</summary>
        <p className="muted" id={hintId}>
          {t('org.qualifications.hint')}
        </p>
        <CheckboxGroup
          legend={t('org.qualifications.legend', { name })}
          options={QUALIFICATIONS.map((q) => ({ value: q, label: label(q) }))}
          value={manual}
          onChange={setManual}
          describedBy={hintId}
        />
        <ErrorNote error={save.error} />
        {/* Never disabled: a disabled button drops keyboard focus right after a save. */}
        <button type="button" className="primary" aria-disabled={save.isPending} onClick={() => !save.isPending && save.mutate()}>
          {save.isPending ? t('org.qualifications.saving') : t('org.qualifications.save')}
        </button>
        <Status message={status} />
      </details>
    </div>
  );
}
