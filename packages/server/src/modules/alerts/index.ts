/** The alerts module's face: area subscriptions, verified alerts and their updates. */
import type { SwitchboardModule } from '../../platform/module.ts';
import { ALERTS_PLAIN_COLUMNS } from './alerts.columns.ts';
import { purgeUnconfirmedSubscriptions } from './alert-confirmation.ts';
import { alertPayloadHandler } from './alert-delivery.ts';
import { queueAlertsForStatusChange } from './alert-queue.ts';
import { ALERTS_POLICY } from './alerts.policy.ts';
import { alertsRoutes } from './alerts.routes.ts';

export const alertsModule: SwitchboardModule = {
  name: 'alerts',
  tables: ['alert_subscriptions', 'alert_subscription_cells', 'alert_confirmation_sends', 'alerts'],
  encryptedColumns: [{ table: 'alert_subscriptions', idColumn: 'id', column: 'endpoint_enc', purpose: 'contact' }],
  plainColumns: ALERTS_PLAIN_COLUMNS,
  policy: ALERTS_POLICY,
  routes: alertsRoutes,
  // Codes expire after 30 minutes: unconfirmed subscriptions go soon after, not at the next hourly purge.
  jobs: (deps) => [{ name: 'alert-subscriptions-purge', everyMs: 5 * 60_000, run: () => purgeUnconfirmedSubscriptions(deps) }],
  outboxHandlers: (deps) => ({ alert: alertPayloadHandler(deps) }),
  eventHandlers: {
    // Only a verified incident alerts its area; the alert is queued in the status change's transaction.
    'reports.incidentStatusChanged': queueAlertsForStatusChange,
  },
  purge: async (deps) => {
    const r = await purgeUnconfirmedSubscriptions(deps);
    return { unconfirmedSubscriptionsDeleted: r.subscriptions };
  },
};

export { ALERTS_POLICY } from './alerts.policy.ts';
export { purgeUnconfirmedSubscriptions } from './alert-confirmation.ts';
export { createAlertOutboxWorker } from './alert-delivery.ts';
export { answerAlertSms } from './alert-sms-reply.ts';
export { listPublicAlerts } from './alerts.service.ts';
