/** What other modules may use from alerts. */
export { queueAlertsForStatusChange } from './alert-queue.ts';
