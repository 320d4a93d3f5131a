import { FINDING_CODES, type FindingCode } from './codes.js';

type Details = Readonly<Record<string, unknown>>;

const hex = (n: unknown): string => (typeof n === 'number' || typeof n === 'bigint' ? `0x${n.toString(16)}` : String(n));
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? v.toString() : String(v));

/** Per-code renderers. A missing renderer, or missing details, falls back to the code's title. */
const RENDER: Partial<Record<FindingCode, (d: Details) => string | undefined>> = {
  BAD_MAGIC: (d) => d.actual !== undefined ? `magic is ${hex(d.actual)}, expected ${hex(d.expected)}` : undefined,
  BAD_VERSION: (d) => d.actual !== undefined ? `version is ${show(d.actual)}, this schema reads version ${show(d.expected)}` : undefined,
  HEADER_SIZE: (d) => d.actual !== undefined ? `header_size is ${show(d.actual)}, expected ${show(d.expected)}` : undefined,
  TRUNCATED: (d) => d.needed !== undefined
    ? `needs ${show(d.needed)} byte(s) at offset ${show(d.at)}, only ${show(d.available)} left${d.what ? ` (${String(d.what)})` : ''}`
    : undefined,
  READ_PAST_END: (d) => d.needed !== undefined
    ? `consumer reads ${show(d.needed)} byte(s) at offset ${show(d.at)} for ${String(d.what ?? 'a field')}, but the file has ${show(d.fileSize)} bytes`
    : undefined,
  SIZE_MISMATCH: (d) => d.rule !== undefined ? `${String(d.rule)} does not hold${d.values ? ` (${String(d.values)})` : ''}` : undefined,
  RESERVED_NONZERO: (d) => d.actual !== undefined
    ? d.mask !== undefined ? `reserved bits set: ${hex(d.actual)} outside allowed mask ${hex(d.mask)}` : `reserved field is ${hex(d.actual)}, must be 0`
    : undefined,
  BAD_COUNT: (d) => d.actual !== undefined ? `count is ${show(d.actual)}, allowed ${show(d.min)}..${show(d.max)}` : undefined,
  BAD_VALUE: (d) => d.actual !== undefined ? `value is ${show(d.actual)}, allowed ${d.allowed !== undefined ? show(d.allowed) : `${show(d.min)}..${show(d.max)}`}` : undefined,
  DUPLICATE_ID: (d) => d.value !== undefined ? `${show(d.value)} already used at ${String(d.first)}` : undefined,
  BAD_OFFSET: (d) => d.reason !== undefined ? `offset ${show(d.value)}: ${String(d.reason)}` : undefined,
  GAP: (d) => d.bytes !== undefined ? `${show(d.bytes)} unreferenced byte(s) at ${show(d.start)}..${show(d.end)}` : undefined,
  CRC_MISMATCH: (d) => d.stored !== undefined ? `stored checksum ${hex(d.stored)}, computed ${hex(d.computed)} over bytes ${show(d.from)}..${show(d.to)}` : undefined,
  BAD_FIELD_KIND: (d) => d.actual !== undefined ? `field kind ${show(d.actual)} is not one of ${show(d.allowed)}` : undefined,
  BAD_ACTION: (d) => d.actual !== undefined ? `action ${show(d.actual)} is not one of ${show(d.allowed)}` : undefined,
  BAD_UTF8: () => 'string bytes are not valid UTF-8',
  UNKNOWN_OP: (d) => d.actual !== undefined
    ? d.implemented !== undefined ? `opcode ${show(d.actual)} is not implemented by this consumer (it has ${show(d.implemented)})` : `opcode ${show(d.actual)} is not a defined opcode`
    : undefined,
  UNKNOWN_TEMPLATE: (d) => d.type_id !== undefined ? `template type ${show(d.type_id)} is not in the file's template-type table` : undefined,
  FIELD_COUNT_MISMATCH: (d) => d.actual !== undefined ? `instance has ${show(d.actual)} criteria, its template type declares ${show(d.expected)} fields` : undefined,
  OP_KIND_MISMATCH: (d) => d.op !== undefined ? `${String(d.op)} applies to ${String(d.applies)}, but field ${show(d.field)} is declared ${String(d.declared)}` : undefined,
  POOL_OOB: (d) => d.end !== undefined ? `string ends at pool byte ${show(d.end)}, pool has ${show(d.pool_size)} bytes` : undefined,
  REGEX_INVALID: (d) => d.reason !== undefined ? `pattern ${show(d.pattern)} does not compile: ${String(d.reason)}` : undefined,
  REGEX_REDOS: (d) => d.reason !== undefined ? `pattern ${show(d.pattern)} can backtrack super-linearly: ${String(d.reason)}` : undefined,
  RANGE_INVERTED: (d) => d.lo !== undefined ? `lo ${show(d.lo)} is greater than hi ${show(d.hi)}: the range never matches` : undefined,
  CONSTRAINT: (d) => d.rule !== undefined ? `${String(d.rule)} does not hold${d.values ? ` (${String(d.values)})` : ''}` : undefined,
  DECODE_BUDGET: (d) => d.limit !== undefined ? `decoding stopped after ${show(d.limit)} nodes` : undefined,
  OOB_INPUT_READ: (d) => d.index !== undefined
    ? `criterion ${show(d.index)} reads inputs[${show(d.index)}], but the consumer supplies ${show(d.supplied)} input(s) for template type ${show(d.type_id)}`
    : undefined,
  TYPE_CONFUSION: (d) => d.index !== undefined ? `${String(d.op)} on inputs[${show(d.index)}], which the consumer supplies as ${String(d.supplied)}` : undefined,
  REGEX_TOO_LONG: (d) => d.length !== undefined ? `pattern is ${show(d.length)} bytes, the consumer's buffer holds ${show(d.max)}` : undefined,
  LIMIT_EXCEEDED: (d) => d.limit !== undefined ? `${String(d.limit)} is ${show(d.actual)}, the consumer refuses more than ${show(d.max)}` : undefined,
  INPUT_COUNT_MISMATCH: (d) => d.declared !== undefined
    ? `template type ${show(d.type_id)} declares ${show(d.declared)} fields, the consumer supplies ${show(d.supplied)}; every criterion beyond is a wildcard today, the next real one is an out-of-bounds read`
    : undefined,
  KIND_MISMATCH: (d) => d.field !== undefined
    ? `template type ${show(d.type_id)} declares field ${show(d.field)} ${String(d.declared)}, the consumer supplies ${String(d.supplied)}; every criterion on it is a wildcard today, the next real one is a type confusion`
    : undefined,
  UNUSED_TEMPLATE: (d) => d.type_id !== undefined ? `${show(d.instances)} instance(s) of template type ${show(d.type_id)} are never evaluated: the consumer does not list the type` : undefined,
};

export function renderMessage(code: FindingCode, details: Details | undefined): string {
  const render = RENDER[code];
  const text = render && details ? render(details) : undefined;
  return text ?? FINDING_CODES[code].title;
}
