export { loadModel, parseModel, MAX_MODEL_BYTES } from './load/load-model.js';
export { loadModelProfile, parseModelProfile } from './load/read-profile.js';
export { ModelError } from './load/model-error.js';
export { modelNodeBudget, simulateModel } from './run/simulate-model.js';
export type { ModelSimulateOptions } from './run/simulate-model.js';
export type * from './types.js';
export { modelBeside } from './load/find-model.js';
export { branchTable } from './coverage.js';
export type { BranchTable, CoverageSink } from './coverage.js';
