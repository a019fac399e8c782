import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../kit/api.ts';
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
  const nameOf = (who: string | undefined) => people.find((m) => m.accountId === who)?.displayName ?? '';
  const assign = useMutation({
    mutationFn: (who: string) => ridesApi.assign(slug, ride.id, role, who),
    onSuccess: async (_r, who) => {
      onDone(t('rides.assigned', { name: nameOf(who) }));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  // The server's refusal names the rule; here it also names the person, for the coordinator choosing.
  const refusedUncertified = assign.error instanceof ApiError && assign.error.code === 'not_certified';
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
      {refusedUncertified ? (
        <p role="alert" className="status err">
          {t('rides.notCertified', { name: nameOf(assign.variables) })}
        </p>
      ) : (
        <ErrorNote error={members.error ?? assign.error} />
      )}
      <button
        type="button"
        className="primary"
        disabled={!accountId || assign.isPending}
        onClick={() => assign.mutate(accountId)}
      >
        {t(`rides.assignSubmit.${role}`)}
      </button>
    </details>
  );
}
