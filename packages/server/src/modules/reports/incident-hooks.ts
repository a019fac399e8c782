/**
 * The seams between incidents and the modules that act on them (dispatch, alerts),
 * in one place so the incident service reads as the state machine it is.
 */
export { queueAlertsForStatusChange as afterStatusChange } from '../alerts/index.ts';
export { hasOnSceneDispatch, listDispatchesOfIncident as dispatchesOf } from '../dispatch/index.ts';
