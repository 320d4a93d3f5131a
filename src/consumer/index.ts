export { ProfileError } from './profile-error.js';
export { loadModelFleet, profileFiles, uniqueNames } from './load-model-fleet.js';
export type { ConsumerFault, CoverageSink, Outcome, SimulationResult } from './outcome.js';
