export { checkStructure } from './run-checks.js';
export type { CheckInput } from './run-checks.js';
