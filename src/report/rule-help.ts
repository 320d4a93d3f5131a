import type { BuiltinCode } from '../findings/index.js';

/**
 * Per finding code: what it means and what to do, in Markdown, for SARIF rules (`fullDescription`,
 * `help`). Taken from docs/findings.md, where each code is documented in full.
 */
export interface RuleHelp {
  readonly meaning: string;
  readonly fix?: string;
}

export const RULE_HELP = {
  BAD_MAGIC: { meaning: 'The magic number (a field\'s `contents:` bytes, or an `eq` rule) is not the one the schema expects; the details give the expected and actual bytes. Consumers refuse the file.', fix: 'Not a content file of this format, or corrupted at the start.' },
  BAD_VERSION: { meaning: 'The version is not one the schema reads. Consumers refuse the file.', fix: 'Build with the right tool version.' },
  HEADER_SIZE: { meaning: 'A header-size field does not hold the size the schema expects.', fix: 'Fix the builder.' },
  TRUNCATED: { meaning: 'The file ends before a field it declares; the message says how many bytes were needed at which offset and how many were left. Also raised when a declared count cannot fit in the bytes left, when a terminator (`strz`, `terminator:`) is missing, and when a read goes past the end of a `size` substream (the message names the field that bounds it).', fix: 'Re-transfer the file; check counts.' },
  SIZE_MISMATCH: { meaning: 'Declared sizes disagree with the file or with each other: a declared file size that is not the actual length, or regions whose sizes do not add up.', fix: 'Recompute the header (`preflight pack` derives these).' },
  RESERVED_NONZERO: { meaning: 'A reserved field, or reserved bits of a flags field, are not zero.', fix: 'Clear them; they may mean something to a future consumer.' },
  BAD_COUNT: { meaning: 'A count is outside the range the schema allows.' },
  DUPLICATE_ID: { meaning: 'An id that the schema says must be unique is used twice. Reported at the repeat, naming the first.', fix: 'Give each a unique id.' },
  BAD_OFFSET: { meaning: 'An offset points outside its region, outside the file, backwards, or into another record (records placed out of order or overlapping). Reported at the pointer (e.g. `index[3]`).', fix: 'Rebuild the index.' },
  GAP: { meaning: 'Bytes between records that nothing references. They may hide data.', fix: 'Remove the slack.' },
  CRC_MISMATCH: { meaning: 'A checksum does not match the bytes it covers: CRC-32, its low 16 bits (gzip\'s header CRC), CRC-16/CCITT-FALSE, Adler-32 or SHA-256, over a byte range of the field\'s stream or over another field\'s bytes (decompressed, for a field with `process`). The message gives the stored and the computed value.', fix: 'Recompute the checksum; check for corruption in transit.' },
  BAD_FIELD_KIND: { meaning: 'A field-kind value is not one of the kinds the schema defines.' },
  BAD_ACTION: { meaning: 'An action value is not one of the actions the schema defines.' },
  BAD_UTF8: { meaning: 'A string is not valid UTF-8.' },
  UNKNOWN_OP: { meaning: 'A switch tag (an opcode) is not one the schema defines; decoding of that sequence stops there. As a consumer finding: the consumer does not implement that tag (its dispatch jumps outside its table: crash).' },
  UNKNOWN_TEMPLATE: { meaning: 'A record refers to an entry (a template) that its table does not hold. As a consumer finding: the lookup yields nothing and the consumer dereferences it: crash.' },
  FIELD_COUNT_MISMATCH: { meaning: 'A record holds a different number of elements than its table entry declares.' },
  OP_KIND_MISMATCH: { meaning: 'An element applies to one kind of value but its table entry declares the field of another kind.' },
  POOL_OOB: { meaning: 'A reference into a region (offset plus length) runs past the region\'s declared size. As a consumer finding: an out-of-bounds read of the buffer the consumer copied the region into, crash.' },
  REGEX_INVALID: { meaning: 'A pattern is not valid RE2 syntax. As a consumer finding: its engine raises an unhandled error, crash.' },
  REGEX_REDOS: { meaning: 'A pattern can backtrack super-linearly (nested or overlapping quantifiers): a consumer\'s backtracking engine can stall on a crafted input. Release-blocking though it does not change the outcome. Also raised, saying so, for a hazardous-looking pattern the analysis could not prove safe within its budget.', fix: 'Rewrite without nested quantifiers.' },
  RANGE_INVERTED: { meaning: 'A range has its low bound above its high bound: it can never match.' },
  BAD_VALUE: { meaning: 'A value outside the set a schema allows (the generic code, and the code of a switch tag with no case).' },
  CONSTRAINT: { meaning: 'A schema assertion that has no more specific code does not hold, or a rule could not be evaluated on this fully decoded file (an index out of range, a value of the wrong kind, an integer overflow, a checksum or placement range outside its stream, a switch tag or `of` field that cannot be read); the details say which rule and why. A rule is never skipped silently: when decoding stopped part-way, the decoder\'s own error (`TRUNCATED`, `BAD_OFFSET`, `DECODE_BUDGET`, …) already fails the file, and the rules it left unevaluable are counted. (A name that does not exist is a schema error at load, not a finding.)' },
  DECODE_BUDGET: { meaning: 'A per-file budget or limit cut the work short: more structure nodes than the node budget (10,000 + 4 × file size, at most 1,500,000: typically many pointers at the same record), more time than the time budget (20 s), records nested deeper than 200 levels, or `process:` data that decompresses to more than its `limit`. Work stops where the budget ran out; the details say which budget, its limit and the stage. Part of the file went unchecked, so the verdict is never `pass`.', fix: 'Treat the file as hostile; raise `--node-budget` or `--time-budget` only for a file you trust.' },
  READ_PAST_END: { meaning: 'Trusting a count, size or offset, the consumer reads past the end of the file buffer (or of a buffer it copied). The consumer\'s own fault, beside the structural `TRUNCATED`/`BAD_OFFSET`.' },
  OOB_INPUT_READ: { meaning: 'An element that reads input *i* of the inputs the consumer supplies for its key, where the consumer supplies *i* or fewer: it reads `inputs[i]` out of bounds. **The July 2024 defect.**' },
  TYPE_CONFUSION: { meaning: 'An element reads an input as one kind while the consumer supplies it as another.' },
  REGEX_TOO_LONG: { meaning: 'A value longer than a per-profile limit overflows the consumer\'s fixed buffer for it (a pattern buffer, say).' },
  LIMIT_EXCEEDED: { meaning: 'The file is over one of the consumer\'s limits (its size, a count): it refuses the file, so the update does not apply there.' },
  EXEC_CRASH: { meaning: "The real consumer (`--exec`) crashed on the file: killed by a signal, a sanitizer report (its fault kind, READ or WRITE and size, first frames and SUMMARY line are in the details), or a non-zero exit without an answer. Not a model's prediction: the binary itself faulted." },
  EXEC_HANG: { meaning: 'The real consumer gave no answer within `--exec-timeout` and was killed: a hang (an endless loop, a stalled regex).' },
  EXEC_NO_ANSWER: { meaning: 'The real consumer exited normally without printing `load` or `reject` (or, in persistent mode, closed its output): its harness does not speak the protocol of docs/real-consumers.md.' },
  EXEC_DISAGREE: { meaning: '`--differential`: the consumer model says one outcome for the profile the real consumer implements, the real consumer another (a crash, a hang or no answer count as crash). The model has drifted from the code, or the code from its documentation.' },
  INPUT_COUNT_MISMATCH: { meaning: 'The content declares more inputs for a key than a consumer supplies, while no element reads one beyond the supplied inputs yet (they are wildcards). The next element that does is an `OOB_INPUT_READ`. **The spring 2024 state.** Reported at the declared count.' },
  KIND_MISMATCH: { meaning: 'The content declares an input of one kind where a consumer supplies the other, while no element reads it yet. The next one that does is a `TYPE_CONFUSION`. Reported at the declared kind.' },
  UNUSED_TEMPLATE: { meaning: 'The file carries records for a key that a consumer does not evaluate at all: those detections are silently inactive on that consumer.' },
} as const satisfies Record<BuiltinCode, RuleHelp>;
