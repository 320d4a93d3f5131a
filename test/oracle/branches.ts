/**
 * Coverage of the simulated consumer, for the fuzzer: every decision the consumer takes
 * has a stable numeric id. Ids are dense (0 .. BRANCH_COUNT-1); never renumber one, add
 * new ids at the end.
 */
export const BRANCH = {
  // Load, step 1: refusals (outcome reject), or the header is accepted.
  REFUSE_TRUNCATED: 0,
  REFUSE_MAGIC: 1,
  REFUSE_VERSION: 2,
  REFUSE_FILE_SIZE: 3,
  REFUSE_INSTANCE_COUNT: 4,
  HEADER_ACCEPTED: 5,
  // Load, step 3: template-type table.
  TABLE_ENTRY: 6,
  TABLE_ENTRY_NO_FIELDS: 7,
  TABLE_DUPLICATE_TYPE: 8,
  TABLE_HEAD_PAST_END: 9,
  TABLE_KINDS_PAST_END: 10,
  // Load, step 3: instance index.
  INDEX_ENTRY: 11,
  INDEX_EMPTY: 12,
  INDEX_PAST_END: 13,
  // Load, step 4: pool copy.
  POOL_COPY: 14,
  POOL_EMPTY: 15,
  POOL_PAST_END: 16,
  // Load, step 5: instance records.
  INSTANCE_HEAD: 17,
  INSTANCE_HEAD_PAST_END: 18,
  INSTANCE_UNKNOWN_TEMPLATE: 19,
  INSTANCE_NO_CRITERIA: 20,
  // Load, step 5: criterion decode.
  CRIT_OPCODE_PAST_END: 21,
  CRIT_UNDEFINED_OP: 22,
  CRIT_UNIMPLEMENTED_OP: 23,
  CRIT_PAYLOAD_PAST_END: 24,
  DECODE_ANY: 25,
  DECODE_EQ_INT: 26,
  DECODE_RANGE_INT: 27,
  DECODE_EQ_STR: 28,
  DECODE_PREFIX_STR: 29,
  DECODE_REGEX: 30,
  STR_POOL_OOB: 31,
  REGEX_TOO_LONG: 32,
  REGEX_INVALID: 33,
  REGEX_COMPILED: 34,
  // Evaluate.
  EVAL_ANY_SKIP: 35,
  EVAL_EQ_INT: 36,
  EVAL_RANGE_INT: 37,
  EVAL_EQ_STR: 38,
  EVAL_PREFIX_STR: 39,
  EVAL_REGEX: 40,
  EVAL_OOB_INPUT_READ: 41,
  EVAL_TYPE_CONFUSION: 42,
  EVAL_TYPE_WITHOUT_INSTANCES: 43,
  // Outcome.
  LOAD: 44,
  // Static analysis and hazards (reported whatever the outcome).
  STATIC_OOB_INPUT_READ: 45,
  STATIC_TYPE_CONFUSION: 46,
  STATIC_REGEX_TOO_LONG: 47,
  HAZARD_INPUT_COUNT_MISMATCH: 48,
  HAZARD_KIND_MISMATCH: 49,
  HAZARD_UNUSED_TEMPLATE: 50,
} as const;

export type BranchName = keyof typeof BRANCH;
export type BranchId = (typeof BRANCH)[BranchName];

export const BRANCH_COUNT = 51;

/** Names by id, for reports: `BRANCH_NAMES[BRANCH.LOAD] === 'LOAD'`. */
export const BRANCH_NAMES: readonly BranchName[] = (() => {
  const names: BranchName[] = [];
  for (const [name, id] of Object.entries(BRANCH)) names[id] = name as BranchName;
  return names;
})();

export type { CoverageSink } from '../../src/consumer/outcome.js';

/** Decode branch of each defined opcode (index = opcode). */
export const DECODE_BRANCH: readonly number[] = [
  BRANCH.DECODE_ANY, BRANCH.DECODE_EQ_INT, BRANCH.DECODE_RANGE_INT,
  BRANCH.DECODE_EQ_STR, BRANCH.DECODE_PREFIX_STR, BRANCH.DECODE_REGEX,
];

/** Evaluate branch of each defined opcode (index = opcode). */
export const EVAL_BRANCH: readonly number[] = [
  BRANCH.EVAL_ANY_SKIP, BRANCH.EVAL_EQ_INT, BRANCH.EVAL_RANGE_INT,
  BRANCH.EVAL_EQ_STR, BRANCH.EVAL_PREFIX_STR, BRANCH.EVAL_REGEX,
];
