/** What other modules may use from alerts. */
export { queueAlertsForStatusChange } from './alert-queue.ts';
export { alertsRoutes } from './alerts.routes.ts';
export { createAlertOutboxWorker, alertPayloadHandler } from './alert-delivery.ts';
export { purgeUnconfirmedSubscriptions } from './alert-confirmation.ts';
export { answerAlertSms } from './alert-sms-reply.ts';
export { ALERTS_POLICY } from './alerts.policy.ts';
