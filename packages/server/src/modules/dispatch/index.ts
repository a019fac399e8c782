/** What other modules may use from dispatch. */
export { hasOnSceneDispatch, listDispatchesOfIncident } from './dispatch.repository.ts';
export { expireDispatches, refreshResponders } from './dispatch.service.ts';
export { listAvailableResponders } from './dispatch.repository.ts';
export { DISPATCH_POLICY } from './dispatch.policy.ts';
export { dispatchPayloadHandler } from './dispatch-notice.ts';
