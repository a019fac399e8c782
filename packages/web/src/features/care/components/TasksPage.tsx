import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, Loading, PageTitle, Status } from '../../../kit/ui.tsx';
import { type CareAccess, useCareAccess } from '../access.ts';
import { careApi, careKey, type CareTaskT } from '../api.ts';
import { AssignPanel } from './AssignPanel.tsx';
import { CareBadge, CareHeading } from './bits.tsx';
import { ClaimControls } from './ClaimControls.tsx';
import { ClaimRequestsPanel } from './ClaimRequestsPanel.tsx';

/** Order of a task in the list: what needs a person now comes first. */
const ORDER = ['open', 'claimed', 'assigned', 'picked_up', 'failed', 'delivered', 'closed'];
const ACTIVE = new Set(['open', 'claimed', 'assigned', 'picked_up']);

/**
 * Delivery tasks for drivers and coordinators: kind, items, coarse area and status, never the
 * address. Coordinators claim for their organization (or press Request when another owns it)
 * and assign a driver; a driver of the claiming organization may take a claimed task.
 */
export function TasksPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('care');
  const access = useCareAccess(slug);
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({
    queryKey: careKey(slug, 'tasks'),
    queryFn: () => careApi.tasks(slug),
    enabled: !!access?.tasks,
    refetchInterval: 20_000,
  });
  if (access && !access.tasks) return <p className="muted">{t('noAccess')}</p>;
  const tasks = [...(list.data?.tasks ?? [])].sort(
    (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.createdAt.localeCompare(b.createdAt),
  );
  const active = tasks.filter((x) => ACTIVE.has(x.status));
  const ended = tasks.filter((x) => !ACTIVE.has(x.status));

  return (
    <section className="narrow">
      <PageTitle>{t('tasks.title')}</PageTitle>
      <p className="links">
        {access?.triage && <Link to={`/n/${encodeURIComponent(slug)}/care`}>{t('nav.triage')}</Link>}
        {access?.driver && <Link to={`/n/${encodeURIComponent(slug)}/care/mine`}>{t('nav.mine')}</Link>}
      </p>
      <p className="hint">{t('tasks.areaOnly')}</p>
      <Status message={done} />
      {list.isPending || !access ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote error={list.error} />
      ) : (
        <>
          {active.length === 0 ? (
            <p className="muted">{t('tasks.none')}</p>
          ) : (
            <ul className="cards">
              {active.map((task) => (
                <TaskCard key={task.id} slug={slug} task={task} access={access} onDone={setDone} />
              ))}
            </ul>
          )}
          {ended.length > 0 && (
            <details className="roles">
              <summary>{t('tasks.ended', { count: ended.length })}</summary>
              <ul className="cards">
                {ended.map((task) => (
                  <TaskCard key={task.id} slug={slug} task={task} access={access} onDone={setDone} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function TaskCard({
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
  const owner = task.claimedBy?.organizationId ?? null;
  const mineToRun = owner !== null && access.coordinatorOrgs.some((o) => o.id === owner);
  const canTake = owner !== null && access.driverOrgIds.includes(owner) && task.status === 'claimed';
  const mine = task.driverAccountId === access.accountId;
  const act = useMutation({
    mutationFn: (what: 'take' | 'close') =>
      what === 'take' ? careApi.assign(slug, task.id) : careApi.progress(slug, task.id, { status: 'closed' }),
    onMutate: () => onDone(null),
    onSuccess: async (_r, what) => {
      onDone(t(`tasks.done.${what}`));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  return (
    <li className={task.status === 'open' ? 'card care-needs' : 'card'}>
      <CareHeading item={task} />
      <p>
        <CareBadge status={task.status} />{' '}
        {task.claimedBy && <span className="muted">{t('tasks.claimedBy', { name: task.claimedBy.name })}</span>}
      </p>
      {task.failureReason && <p>{t('tasks.failedBecause', { reason: task.failureReason })}</p>}
      {mine && ACTIVE.has(task.status) && (
        <p>
          <Link to={`/n/${encodeURIComponent(slug)}/care/mine`}>{t('tasks.yours')}</Link>
        </p>
      )}
      <ErrorNote error={act.error} />
      {canTake && (
        <button type="button" className="primary" disabled={act.isPending} onClick={() => act.mutate('take')}>
          {t('tasks.take')}
        </button>
      )}
      <ClaimControls slug={slug} task={task} access={access} onDone={onDone} />
      {mineToRun && ['claimed', 'assigned', 'picked_up'].includes(task.status) && (
        <ClaimRequestsPanel slug={slug} task={task} onDone={onDone} />
      )}
      {mineToRun && ['claimed', 'assigned'].includes(task.status) && (
        <AssignPanel slug={slug} task={task} onDone={(name) => onDone(t('assign.done', { name }))} />
      )}
      {mineToRun && ['delivered', 'failed'].includes(task.status) && (
        <button type="button" className="secondary" disabled={act.isPending} onClick={() => act.mutate('close')}>
          {t('tasks.close')}
        </button>
      )}
    </li>
  );
}
