import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { networkDirectory } from '../../../kit/network-directory.ts';
import { ErrorNote, SelectField } from '../../../kit/ui.tsx';
import { careApi, type CareTaskT } from '../api.ts';

/** A coordinator of the claiming organization gives the task to one of its active drivers (or another one). */
export function AssignPanel({ slug, task, onDone }: { slug: string; task: CareTaskT; onDone: (name: string) => void }) {
  const { t } = useTranslation('care');
  const qc = useQueryClient();
  const orgId = task.claimedBy?.organizationId ?? '';
  const [person, setPerson] = useState('');
  const members = useQuery({
    queryKey: ['members', slug, orgId],
    queryFn: () => networkDirectory.members(slug, orgId),
    enabled: !!orgId,
  });
  const drivers = (members.data?.members ?? []).filter((m) => m.status === 'active' && m.roles.includes('driver'));
  const choices = drivers.filter((m) => m.accountId !== task.driverAccountId);
  const accountId = person || choices[0]?.accountId || '';
  const assign = useMutation({
    mutationFn: () => careApi.assign(slug, task.id, accountId),
    onSuccess: async () => {
      onDone(drivers.find((m) => m.accountId === accountId)?.displayName ?? '');
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  const current = drivers.find((m) => m.accountId === task.driverAccountId);
  return (
    <details className="roles">
      <summary>{task.driverAccountId ? t('assign.reassign') : t('assign.open')}</summary>
      {current && <p>{t('assign.current', { name: current.displayName })}</p>}
      {members.isSuccess && choices.length === 0 ? (
        <p className="muted">{t('assign.noDrivers')}</p>
      ) : (
        <SelectField
          label={t('assign.driver')}
          value={accountId}
          onChange={(e) => setPerson(e.target.value)}
          options={choices.map((m) => ({ value: m.accountId, label: m.displayName }))}
        />
      )}
      <ErrorNote error={members.error ?? assign.error} />
      <button type="button" className="primary" disabled={!accountId || assign.isPending} onClick={() => assign.mutate()}>
        {t('assign.submit')}
      </button>
    </details>
  );
}
