import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, SelectField } from '../../../kit/ui.tsx';
import { networkDirectory } from '../../../kit/network-directory.ts';
import type { ShiftsAccess } from '../access.ts';
import { shiftsApi, type CoverageCellT } from '../api.ts';
import { useManagedOrgs } from './SiteForm.tsx';

/**
 * A coordinator puts one of their organization's members on a gap directly. Without the
 * required certification this needs the override box, which the server records in the audit log.
 */
export function AssignPanel({
  access,
  cell,
  onDone,
}: {
  access: ShiftsAccess;
  cell: CoverageCellT;
  onDone: (name: string) => void;
}) {
  const { t } = useTranslation('shifts');
  const qc = useQueryClient();
  const id = useId();
  const orgs = useManagedOrgs(access);
  const [org, setOrg] = useState('');
  const [person, setPerson] = useState('');
  const [override, setOverride] = useState(false);
  const orgId = org || orgs[0]?.id || '';
  const members = useQuery({
    queryKey: ['members', access.slug, orgId],
    queryFn: () => networkDirectory.members(access.slug, orgId),
    enabled: !!orgId,
  });
  const active = (members.data?.members ?? []).filter((m) => m.status === 'active');
  const accountId = person || active[0]?.accountId || '';
  const assign = useMutation({
    mutationFn: () =>
      shiftsApi.assign(access.slug, cell.occurrenceId, cell.slotId, { accountId, overrideCertification: override }),
    onSuccess: async () => {
      onDone(active.find((m) => m.accountId === accountId)?.displayName ?? '');
      await qc.invalidateQueries({ queryKey: ['shifts', access.slug] });
    },
  });
  return (
    <details className="roles">
      <summary>{t('assign.open')}</summary>
      <SelectField
        label={t('site.organization')}
        value={orgId}
        onChange={(e) => setOrg(e.target.value)}
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
      />
      <SelectField
        label={t('assign.person')}
        value={accountId}
        onChange={(e) => setPerson(e.target.value)}
        options={active.map((m) => ({ value: m.accountId, label: m.displayName }))}
      />
      {cell.courseName && (
        <label className="check" htmlFor={`${id}-override`}>
          <input id={`${id}-override`} type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
          <span>{t('assign.override', { course: cell.courseName })}</span>
        </label>
      )}
      <ErrorNote error={assign.error} />
      <button type="button" className="primary" disabled={!accountId || assign.isPending} onClick={() => assign.mutate()}>
        {t('assign.submit')}
      </button>
    </details>
  );
}
