/** What other modules may use from dispatch. */
export { hasOnSceneDispatch, listDispatchesOfIncident } from './dispatch.repository.ts';
