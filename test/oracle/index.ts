/**
 * The hand-written CCF consumer of docs/ccf-v1.md section 3, kept only as a test oracle (issue 9):
 * preflight itself runs the consumer model schemas/ccf-v1.consumer.yaml (src/model), and
 * test/model/differential.test.ts holds the two to the same outcome, fault and issues. It reads
 * CCF profiles with its own strict parser (./profile), the shape the CCF model declares.
 */
export { simulateConsumer } from './simulate.js';
export type { SimulateOptions } from './simulate.js';
export { BRANCH, BRANCH_COUNT, BRANCH_NAMES } from './branches.js';
export type { BranchId, BranchName, CoverageSink } from './branches.js';
export type { ConsumerFault, Outcome, SimulationResult } from '../../src/consumer/outcome.js';
export { OP_NAMES, OPCODES, isOpName } from './profile/types.js';
export type { ConsumerLimits, ConsumerProfile, InputKind, OpName, TemplateInputs } from './profile/types.js';
export { parseProfile } from './profile/parse-profile.js';
export { loadProfile } from './profile/load-profile.js';
export { loadFleet } from './profile/load-fleet.js';
export { defaultFleetDir } from './profile/default-fleet.js';
