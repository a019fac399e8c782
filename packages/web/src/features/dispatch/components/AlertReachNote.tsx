// After verifying: how many subscribers the alert goes to, by channel, so the dispatcher
// knows who was told. The region is always there so a screen reader hears it fill in.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALERT_CHANNELS } from '@switchboard/shared/runtime';
import { dispatchApi, type AlertReachT, type IncidentT } from '../api.ts';

export function AlertReachNote({ slug, incident }: { slug: string; incident: IncidentT }) {
  const verified = incident.status === 'verified';
  const reach = useQuery({
    queryKey: ['alert-reach', slug, incident.id, incident.version],
    queryFn: () => dispatchApi.alertReach(slug, incident.id),
    enabled: verified,
  });
  return (
    <p className="hint alert-reach" aria-live="polite" id={`alert-reach-${incident.id}`}>
      {verified && reach.data ? <ReachText reach={reach.data} /> : null}
    </p>
  );
}

function ReachText({ reach }: { reach: AlertReachT }) {
  const { t } = useTranslation('dispatch');
  if (!reach.alerted) return <>{t('reach.notSent')}</>;
  if (reach.total === 0) return <>{t('reach.nobody')}</>;
  const channels = ALERT_CHANNELS.filter((c) => reach.byChannel[c] > 0)
    .sort((a, b) => reach.byChannel[b] - reach.byChannel[a])
    .map((c) => t(`reach.channels.${c}`, { count: reach.byChannel[c] }))
    .join(t('reach.separator'));
  // One subscriber or many: each language's file words both (Arabic's "many" form names no number of its own).
  return <>{t(reach.total === 1 ? 'reach.one' : 'reach.other', { count: reach.total, channels })}</>;
}
