/**
 * The public catalogue of finding codes. Codes are part of preflight's interface:
 * never rename or reuse one; add new codes at the end of their group.
 * docs/findings.md documents each (a test keeps the two in step).
 */
export type Severity = 'error' | 'warning';

export type FindingKind =
  /** Raised by the schema-driven structural checks (question 1 of the spec). */
  | 'structure'
  /** Raised by the simulated consumer: a fault or refusal of one profile (question 2). */
  | 'consumer'
  /** A hazard that does not crash today (question 3). */
  | 'hazard';

export interface CodeInfo {
  readonly severity: Severity;
  readonly kind: FindingKind;
  readonly title: string;
}

export const FINDING_CODES = {
  // Structure: header and layout
  BAD_MAGIC: { severity: 'error', kind: 'structure', title: 'magic number is wrong' },
  BAD_VERSION: { severity: 'error', kind: 'structure', title: 'unsupported format version' },
  HEADER_SIZE: { severity: 'error', kind: 'structure', title: 'header size field is wrong' },
  TRUNCATED: { severity: 'error', kind: 'structure', title: 'file ends before a field it declares' },
  SIZE_MISMATCH: { severity: 'error', kind: 'structure', title: 'declared sizes disagree with the file' },
  RESERVED_NONZERO: { severity: 'error', kind: 'structure', title: 'reserved field or bits are not zero' },
  BAD_COUNT: { severity: 'error', kind: 'structure', title: 'a count is outside its allowed range' },
  DUPLICATE_ID: { severity: 'error', kind: 'structure', title: 'an id that must be unique is repeated' },
  BAD_OFFSET: { severity: 'error', kind: 'structure', title: 'an offset points outside its region, backwards or into another record' },
  GAP: { severity: 'warning', kind: 'structure', title: 'unreferenced bytes between records' },
  CRC_MISMATCH: { severity: 'error', kind: 'structure', title: 'checksum does not match the bytes it covers' },
  // Structure: values
  BAD_FIELD_KIND: { severity: 'error', kind: 'structure', title: 'field kind is not a known kind' },
  BAD_ACTION: { severity: 'error', kind: 'structure', title: 'action is not a known action' },
  BAD_UTF8: { severity: 'error', kind: 'structure', title: 'string is not valid UTF-8' },
  UNKNOWN_OP: { severity: 'error', kind: 'structure', title: 'opcode is not defined (or not implemented by a consumer)' },
  UNKNOWN_TEMPLATE: { severity: 'error', kind: 'structure', title: 'instance names a template type that is not in the table' },
  FIELD_COUNT_MISMATCH: { severity: 'error', kind: 'structure', title: "criteria count differs from the template type's field count" },
  OP_KIND_MISMATCH: { severity: 'error', kind: 'structure', title: "criterion opcode does not apply to the field's declared kind" },
  POOL_OOB: { severity: 'error', kind: 'structure', title: 'string reference runs past the end of the string pool' },
  REGEX_INVALID: { severity: 'error', kind: 'structure', title: 'pattern is not valid RE2 syntax' },
  REGEX_REDOS: { severity: 'error', kind: 'structure', title: 'pattern can backtrack super-linearly (ReDoS)' },
  RANGE_INVERTED: { severity: 'warning', kind: 'structure', title: 'range has lo greater than hi and can never match' },
  BAD_VALUE: { severity: 'error', kind: 'structure', title: 'value is outside the set the schema allows' },
  CONSTRAINT: { severity: 'error', kind: 'structure', title: 'a schema constraint does not hold' },
  DECODE_BUDGET: { severity: 'error', kind: 'structure', title: 'file declares more structure than preflight will decode' },
  // Consumer: faults and refusals of one profile
  READ_PAST_END: { severity: 'error', kind: 'consumer', title: 'consumer reads past the end of the file buffer' },
  OOB_INPUT_READ: { severity: 'error', kind: 'consumer', title: 'consumer reads an input value it does not supply' },
  TYPE_CONFUSION: { severity: 'error', kind: 'consumer', title: 'consumer reads an input as another kind than it supplies' },
  REGEX_TOO_LONG: { severity: 'error', kind: 'consumer', title: "pattern overflows the consumer's pattern buffer" },
  LIMIT_EXCEEDED: { severity: 'error', kind: 'consumer', title: 'consumer refuses the file: over one of its limits' },
  // Consumer: the real consumer binary (--exec, docs/real-consumers.md)
  EXEC_CRASH: { severity: 'error', kind: 'consumer', title: 'the real consumer crashed on the file' },
  EXEC_HANG: { severity: 'error', kind: 'consumer', title: 'the real consumer gave no answer within the time limit' },
  EXEC_NO_ANSWER: { severity: 'error', kind: 'consumer', title: 'the real consumer exited without saying load or reject' },
  EXEC_DISAGREE: { severity: 'error', kind: 'consumer', title: "the consumer model's outcome differs from the real consumer's" },
  // Hazards: latent, do not crash today
  INPUT_COUNT_MISMATCH: { severity: 'warning', kind: 'hazard', title: 'content declares more inputs than a consumer supplies' },
  KIND_MISMATCH: { severity: 'warning', kind: 'hazard', title: 'declared input kind differs from the kind a consumer supplies' },
  UNUSED_TEMPLATE: { severity: 'warning', kind: 'hazard', title: 'records of a key that a consumer never evaluates' },
} as const satisfies Record<string, CodeInfo>;

/** A code of the built-in catalogue above (docs/findings.md). */
export type BuiltinCode = keyof typeof FINDING_CODES;

declare const modelCodeBrand: unique symbol;
/**
 * A code a consumer model defines for its format (`codes:` in NAME.consumer.yaml; src/findings/catalog.ts).
 * Branded, so a stray string is never taken for a code: only the model loader (which checks the
 * name against the model's `codes:`) makes one, with a cast.
 */
export type ModelCode = string & { readonly [modelCodeBrand]: true };

/**
 * Any code an issue can carry. The built-in codes stay a closed, typed union (renderers and docs
 * are checked against it); a model's own codes are the open part, and whoever rates or renders one
 * is handed the model's catalogue explicitly (see catalog.ts for why not a global registry).
 */
export type FindingCode = BuiltinCode | ModelCode;

/** Whether `code` is a built-in code (a model's own codes are not: they need their catalogue). */
export function isFindingCode(code: string): code is BuiltinCode {
  return Object.prototype.hasOwnProperty.call(FINDING_CODES, code);
}

/** The same test, under the name that says what it checks. */
export const isBuiltinCode = isFindingCode;

/** The built-in codes a consumer fault can carry (the crash classes of docs/ccf-v1.md section 3); a model may add its own. */
export const CRASH_CODES = [
  'READ_PAST_END', 'UNKNOWN_TEMPLATE', 'UNKNOWN_OP', 'POOL_OOB',
  'REGEX_TOO_LONG', 'REGEX_INVALID', 'OOB_INPUT_READ', 'TYPE_CONFUSION',
] as const satisfies readonly BuiltinCode[];
export type CrashCode = (typeof CRASH_CODES)[number];

/** The codes only a run of the real consumer produces (--exec, --differential): no corpus file alone can. */
export const EXEC_CODES = ['EXEC_CRASH', 'EXEC_HANG', 'EXEC_NO_ANSWER', 'EXEC_DISAGREE'] as const satisfies readonly BuiltinCode[];
