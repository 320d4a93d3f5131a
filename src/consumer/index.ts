export { OP_NAMES, OPCODES, isOpName } from './types.js';
export type { ConsumerLimits, ConsumerProfile, InputKind, OpName, TemplateInputs } from './types.js';
export { ProfileError } from './profile-error.js';
export { parseProfile } from './parse-profile.js';
export { loadProfile } from './load-profile.js';
export { loadFleet } from './load-fleet.js';
export { defaultFleetDir } from './default-fleet.js';
export { loadModelFleet, uniqueNames } from './load-model-fleet.js';
export type { ConsumerFault, CoverageSink, Outcome, SimulationResult } from './outcome.js';
