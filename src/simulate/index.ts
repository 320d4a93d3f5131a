export { simulateConsumer } from './simulate.js';
export { BRANCH, BRANCH_COUNT, BRANCH_NAMES } from './branches.js';
export type { BranchId, BranchName, CoverageSink } from './branches.js';
export type { ConsumerFault, Outcome, SimulationResult } from './outcome.js';
