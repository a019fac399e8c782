import { useTranslation } from 'react-i18next';
import { pendingActions, usePendingActions, type PendingAction } from './pending-actions.ts';
import './pending-actions.css';

/** How many actions wait for the connection, shown beside the Live badge. */
export function PendingCount() {
  const { t } = useTranslation('common');
  const waiting = usePendingActions().filter((a) => a.state === 'pending' || a.state === 'sending').length;
  if (waiting === 0) return null;
  return (
    <span className="pending-count" data-testid="pending-count">
      {t('pending.count', { count: waiting })}
    </span>
  );
}

/**
 * The actions taken offline: waiting, being sent, confirmed by the server, or refused with
 * its reason. Nothing is applied silently; settled ones stay until dismissed.
 */
export function PendingActionsList() {
  const { t } = useTranslation('common');
  const actions = usePendingActions();
  return (
    <div aria-live="polite">
      {actions.length > 0 && (
        <ul className="pending-actions" aria-label={t('pending.title')}>
          {actions.map((a) => (
            <PendingItem key={a.id} action={a} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PendingItem({ action }: { action: PendingAction }) {
  const { t } = useTranslation('common');
  const settled = action.state === 'confirmed' || action.state === 'refused';
  return (
    <li className={`pending-action ${action.state}`} data-state={action.state}>
      <span aria-hidden="true">{ICONS[action.state]} </span>
      <strong>{action.describe()}</strong>{' '}
      <span>{action.state === 'refused' ? t('pending.refused', { reason: action.reason }) : t(`pending.${action.state}`)}</span>
      {settled && (
        <button type="button" className="secondary" onClick={() => pendingActions.dismiss(action.id)}>
          {t('pending.dismiss')}
        </button>
      )}
    </li>
  );
}

const ICONS: Record<PendingAction['state'], string> = { pending: '⏳', sending: '…', confirmed: '✓', refused: '✕' };
