import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, SelectField } from '../../../kit/ui.tsx';
import type { CareAccess } from '../access.ts';
import { careApi, type CareTaskT } from '../api.ts';

const OWNED = new Set(['claimed', 'assigned', 'picked_up']);

/**
 * Claim for one of my organizations when the task is open; when another organization owns it,
 * "Request" instead, with a reason the owner reads before approving or declining.
 */
export function ClaimControls({
  slug,
  task,
  access,
  onDone,
}: {
  slug: string;
  task: CareTaskT;
  access: CareAccess;
  onDone: (m: string | null) => void;
}) {
  const { t } = useTranslation('care');
  const qc = useQueryClient();
  const id = useId();
  const owner = task.claimedBy?.organizationId ?? null;
  const orgs = access.coordinatorOrgs.filter((o) => o.id !== owner);
  const [org, setOrg] = useState('');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const orgId = org || orgs[0]?.id || '';
  const orgName = orgs.find((o) => o.id === orgId)?.name ?? '';
  const claim = useMutation({
    mutationFn: async (what: 'claim' | 'request'): Promise<unknown> =>
      what === 'claim' ? careApi.claim(slug, task.id, orgId) : careApi.requestClaim(slug, task.id, orgId, reason.trim()),
    onMutate: () => onDone(null),
    onSuccess: async (_r, what) => {
      setAsking(false);
      setReason('');
      onDone(t(`claim.done.${what}`, { org: orgName }));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  const open = task.status === 'open';
  if (orgs.length === 0 || !(open || (owner && OWNED.has(task.status)))) return null;
  const picker =
    orgs.length > 1 ? (
      <SelectField
        label={t('claim.forOrg')}
        value={orgId}
        onChange={(e) => setOrg(e.target.value)}
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
      />
    ) : null;

  if (open) {
    return (
      <div>
        {picker}
        <ErrorNote error={claim.error} />
        <button type="button" className="primary" disabled={claim.isPending} onClick={() => claim.mutate('claim')}>
          {t('claim.claim', { org: orgName })}
        </button>
      </div>
    );
  }
  if (!asking) {
    return (
      <button type="button" className="secondary" aria-expanded={false} onClick={() => setAsking(true)}>
        {t('claim.request')}
      </button>
    );
  }
  return (
    <form
      className="care-reason"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) claim.mutate('request');
      }}
    >
      {picker}
      <label htmlFor={`${id}-why`}>{t('claim.reason')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('claim.reasonHint', { owner: task.claimedBy?.name ?? '' })}
      </p>
      <textarea
        id={`${id}-why`}
        aria-describedby={`${id}-hint`}
        required
        maxLength={500}
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorNote error={claim.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={claim.isPending || !reason.trim()}>
          {t('claim.requestSubmit')}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
