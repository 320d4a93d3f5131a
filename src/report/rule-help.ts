import type { FindingCode } from '../findings/index.js';

/**
 * Per finding code: what it means and what to do, in Markdown, for SARIF rules (`fullDescription`,
 * `help`). Taken from docs/findings.md, where each code is documented in full.
 */
export interface RuleHelp {
  readonly meaning: string;
  readonly fix?: string;
}

export const RULE_HELP = {
  BAD_MAGIC: { meaning: 'The magic number is not the format\'s (CCF: `0xAAAAAAAA`). Consumers refuse the file.', fix: 'Not a content file of this format, or corrupted at the start.' },
  BAD_VERSION: { meaning: 'The version is not one the schema reads (CCF: 1). Consumers refuse the file.', fix: 'Build with the right tool version.' },
  HEADER_SIZE: { meaning: '`header_size` is not 40.', fix: 'Fix the builder.' },
  TRUNCATED: { meaning: 'The file ends before a field it declares; the message says how many bytes were needed at which offset and how many were left. Also raised when a declared count cannot fit in the bytes left.', fix: 'Re-transfer the file; check counts.' },
  SIZE_MISMATCH: { meaning: 'Declared sizes disagree with the file: `file_size` ≠ actual length, or `pool_offset + pool_size + 4` ≠ `file_size`.', fix: 'Recompute the header (`preflight pack` derives these).' },
  RESERVED_NONZERO: { meaning: 'A reserved field, or reserved bits of `flags`, are not zero.', fix: 'Clear them; they may mean something to a future consumer.' },
  BAD_COUNT: { meaning: 'A count is out of range: `type_count` not 1..32, `instance_count` over 65535, `field_count` not 1..64.' },
  DUPLICATE_ID: { meaning: 'A `type_id` (in the table) or an `instance_id` is used twice. Reported at the repeat, naming the first.', fix: 'Give each a unique id.' },
  BAD_OFFSET: { meaning: 'An offset points outside its region, outside the file, backwards, or into another record: an index entry before the end of the index or past `pool_offset`, records not strictly ascending, overlapping records, a pool beyond the file. Reported at the pointer (e.g. `index[3]`).', fix: 'Rebuild the index.' },
  GAP: { meaning: 'Bytes between records (or between the last record and the pool) that nothing references. They may hide data.', fix: 'Remove the slack.' },
  CRC_MISMATCH: { meaning: 'The trailer\'s CRC-32 does not match the bytes before it.', fix: 'Recompute the CRC; check for corruption in transit.' },
  BAD_FIELD_KIND: { meaning: 'A template field kind is not 1 (INT) or 2 (STR).' },
  BAD_ACTION: { meaning: 'An instance action is not 0 (log), 1 (block) or 2 (kill).' },
  BAD_UTF8: { meaning: 'A string in the pool is not valid UTF-8.' },
  UNKNOWN_OP: { meaning: 'A criterion\'s opcode is not one of the six defined (0..5). Decoding of that instance\'s criteria stops there. As a consumer finding: the opcode is not implemented by that consumer (it jumps outside its dispatch table: crash).' },
  UNKNOWN_TEMPLATE: { meaning: 'An instance\'s `type_id` is not in the file\'s template-type table. As a consumer finding: a null template, crash.' },
  FIELD_COUNT_MISMATCH: { meaning: 'An instance\'s `criteria_count` differs from its template type\'s `field_count`.' },
  OP_KIND_MISMATCH: { meaning: 'A criterion\'s opcode applies to INT but the type declares the field STR, or the reverse.' },
  POOL_OOB: { meaning: 'A string reference `str_off + str_len` runs past `pool_size`. As a consumer finding: an out-of-bounds read of the pool copy, crash.' },
  REGEX_INVALID: { meaning: 'A REGEX pattern is not valid RE2 syntax. As a consumer finding: its engine raises an unhandled error, crash.' },
  REGEX_REDOS: { meaning: 'A REGEX pattern can backtrack super-linearly (nested or overlapping quantifiers): the consumer\'s backtracking engine can stall on a crafted input. Release-blocking though it does not change the outcome. Also raised, saying so, for a hazardous-looking pattern the analysis could not prove safe within its budget.', fix: 'Rewrite without nested quantifiers.' },
  RANGE_INVERTED: { meaning: 'A RANGE_INT criterion has `lo > hi`: it can never match.' },
  BAD_VALUE: { meaning: 'A value outside the set a schema allows (generic; used by schemas other than CCF, and for a switch tag with no case).' },
  CONSTRAINT: { meaning: 'A schema assertion that has no more specific code does not hold, or a rule could not be evaluated on this fully decoded file (an index out of range, a value of the wrong kind, an integer overflow); the details say which rule and why. A rule is never skipped silently: when decoding stopped part-way, the decoder\'s own error (`TRUNCATED`, `BAD_OFFSET`, `DECODE_BUDGET`, …) already fails the file, and the rules it left unevaluable are counted. (A name that does not exist is a schema error at load, not a finding.)' },
  DECODE_BUDGET: { meaning: 'A per-file budget or limit cut the work short: more structure nodes than the node budget (10,000 + 4 × file size, at most 1,500,000: typically many pointers at the same record), more time than the time budget (20 s), or records nested deeper than 200 levels. Work stops where the budget ran out; the details say which budget, its limit and the stage. Part of the file went unchecked, so the verdict is never `pass`.', fix: 'Treat the file as hostile; raise `--node-budget` or `--time-budget` only for a file you trust.' },
  READ_PAST_END: { meaning: 'Trusting a count, size or offset, the consumer reads past the end of the file buffer (the table, the index, a record, a criterion\'s payload, or the pool copy). The consumer\'s own fault, beside the structural `TRUNCATED`/`BAD_OFFSET`.' },
  OOB_INPUT_READ: { meaning: 'A non-wildcard criterion at position *i* of a template type for which the consumer supplies *i* or fewer inputs: it reads `inputs[i]` out of bounds. **The July 2024 defect.**' },
  TYPE_CONFUSION: { meaning: 'An INT opcode on an input the consumer supplies as STR, or the reverse.' },
  REGEX_TOO_LONG: { meaning: 'A REGEX pattern longer than the consumer\'s `regex_max_length` overflows its fixed pattern buffer.' },
  LIMIT_EXCEEDED: { meaning: 'The file is over one of the consumer\'s limits (`max_file_size`, `max_instances`): it refuses the file, so the update does not apply there.' },
  INPUT_COUNT_MISMATCH: { meaning: 'A template type declares more fields than a consumer supplies inputs, while every criterion beyond the supplied inputs is still a wildcard. The next real criterion there is an `OOB_INPUT_READ`. **The spring 2024 state.** Reported at the type\'s `field_count`.' },
  KIND_MISMATCH: { meaning: 'A field\'s declared kind differs from the kind a consumer supplies at that position, while no criterion on it would confuse the consumer yet. The next real one is a `TYPE_CONFUSION`. Reported at the type\'s `field_kinds[i]`.' },
  UNUSED_TEMPLATE: { meaning: 'The file carries instances of a template type that a consumer does not evaluate at all: those detections are silently inactive on that consumer.' },
} as const satisfies Record<FindingCode, RuleHelp>;
