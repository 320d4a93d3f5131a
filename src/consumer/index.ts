export { ProfileError } from './profile-error.js';
export { loadModelFleet, uniqueNames } from './load-model-fleet.js';
export type { ConsumerFault, CoverageSink, Outcome, SimulationResult } from './outcome.js';
