import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { networkDirectory } from '../../../kit/network-directory.ts';
import { ErrorNote } from '../../../kit/ui.tsx';
import { careApi, type CareTaskT } from '../api.ts';

/** For the owner's coordinators: other organizations asking for this task, each with approve and decline. */
export function ClaimRequestsPanel({
  slug,
  task,
  onDone,
}: {
  slug: string;
  task: CareTaskT;
  onDone: (m: string | null) => void;
}) {
  const { t } = useTranslation('care');
  const qc = useQueryClient();
  const asks = useQuery({
    queryKey: ['care', slug, 'claim-requests', task.id],
    queryFn: () => careApi.claimRequests(slug, task.id),
  });
  const pending = asks.data?.claimRequests ?? [];
  const orgs = useQuery({
    queryKey: ['organizations', slug],
    queryFn: () => networkDirectory.organizations(slug),
    enabled: pending.length > 0,
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'decline' }) =>
      careApi.decideClaim(slug, task.id, id, decision),
    onMutate: () => onDone(null),
    onSuccess: async (_r, { decision }) => {
      onDone(t(`requests.done.${decision}`));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  if (pending.length === 0) return <ErrorNote error={asks.error} />;
  const nameOf = (id: string) => orgs.data?.organizations.find((o) => o.id === id)?.name ?? t('requests.anotherOrg');
  return (
    <div className="care-requests">
      <h3>{t('requests.title', { count: pending.length })}</h3>
      <ul className="plain-list">
        {pending.map((r) => (
          <li key={r.id}>
            <p>
              <strong>{nameOf(r.organizationId)}</strong>: <span className="break">{r.reason}</span>
            </p>
            <div className="row">
              <button
                type="button"
                className="primary"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: r.id, decision: 'approve' })}
              >
                {t('requests.approve', { org: nameOf(r.organizationId) })}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: r.id, decision: 'decline' })}
              >
                {t('requests.decline')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ErrorNote error={decide.error} />
    </div>
  );
}
