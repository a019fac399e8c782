import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { networkDirectory } from '../../../kit/network-directory.ts';
import { ErrorNote, SelectField } from '../../../kit/ui.tsx';
import { type CareRideT, type RideRole, ridesApi } from '../rides-api.ts';

/**
 * A coordinator of the claiming organization picks the driver (one of its drivers) or the
 * accompanier (any active member; the server refuses one without the ride's certification,
 * and that refusal is shown in words).
 */
export function RideAssign({
  slug,
  ride,
  role,
  onDone,
}: {
  slug: string;
  ride: CareRideT;
  role: RideRole;
  onDone: (m: string) => void;
}) {
  const { t } = useTranslation('care');
  const qc = useQueryClient();
  const orgId = ride.claimedBy?.organizationId ?? '';
  const [person, setPerson] = useState('');
  const members = useQuery({
    queryKey: ['members', slug, orgId],
    queryFn: () => networkDirectory.members(slug, orgId),
    enabled: !!orgId,
  });
  const current = role === 'driver' ? ride.driverAccountId : ride.accompanierAccountId;
  const people = (members.data?.members ?? []).filter(
    (m) => m.status === 'active' && (role === 'accompanier' || m.roles.includes('driver')),
  );
  const choices = people.filter((m) => m.accountId !== current);
  const accountId = person || choices[0]?.accountId || '';
  const assign = useMutation({
    mutationFn: () => ridesApi.assign(slug, ride.id, role, accountId),
    onSuccess: async () => {
      onDone(t('rides.assigned', { name: people.find((m) => m.accountId === accountId)?.displayName ?? '' }));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  const now = people.find((m) => m.accountId === current);
  return (
    <details className="roles">
      <summary>{t(`rides.assign.${role}`)}</summary>
      {now && <p>{t(`rides.current.${role}`, { name: now.displayName })}</p>}
      {members.isSuccess && choices.length === 0 ? (
        <p className="muted">{t(`rides.nobody.${role}`)}</p>
      ) : (
        <SelectField
          label={t(`rides.role.${role}`)}
          value={accountId}
          onChange={(e) => {
            setPerson(e.target.value);
            assign.reset();
          }}
          options={choices.map((m) => ({ value: m.accountId, label: m.displayName }))}
        />
      )}
      <ErrorNote error={members.error ?? assign.error} />
      <button type="button" className="primary" disabled={!accountId || assign.isPending} onClick={() => assign.mutate()}>
        {t(`rides.assignSubmit.${role}`)}
      </button>
    </details>
  );
}
