import { NO_MODEL_CODES, type CodeCatalog } from './catalog.js';
import { FINDING_CODES, isFindingCode, type BuiltinCode, type FindingCode } from './codes.js';
import { budgetMessage, fieldName, genericMessage, ruleMessage, truncatedMessage, valueMessage } from './message-shapes.js';
import { count, explained, has, hex, list, present, show, text, type Details } from './message-values.js';
import { safeText } from './safe-text.js';

/**
 * Code-specific wording, tried before the shape-based fallback (message-shapes.ts). Each renderer
 * returns undefined unless every detail it reads is present, so a schema that gives a code to an
 * unexpected rule shape still gets a sentence, never "undefined" or a placeholder.
 */
const RENDER: Partial<Record<BuiltinCode, (d: Details) => string | undefined>> = {
  BAD_MAGIC: (d) => has(d, 'actual', 'expected') ? `magic is ${hex(d.actual)}, expected ${hex(d.expected)}` : undefined,
  BAD_VERSION: (d) => has(d, 'actual', 'expected') ? `version is ${show(d.actual)}, this schema reads version ${show(d.expected)}` : undefined,
  HEADER_SIZE: (d) => has(d, 'actual', 'expected') ? `header_size is ${show(d.actual)}, expected ${show(d.expected)}` : undefined,
  TRUNCATED: (d) => has(d, 'needed', 'at', 'available') ? truncatedMessage(d) : undefined,
  READ_PAST_END: (d) => has(d, 'needed', 'at', 'fileSize')
    ? `the consumer reads ${count(d.needed)} byte(s) at offset ${count(d.at)} for ${present(d, 'what') ? text(d.what) : 'a field'}, but the file has ${count(d.fileSize)} bytes`
    : undefined,
  RESERVED_NONZERO: (d) => {
    if (has(d, 'actual', 'mask')) return `reserved bits set: ${hex(d.actual)} has bits outside the allowed mask ${hex(d.mask)}`;
    if (has(d, 'actual', 'expected')) return `reserved field is ${hex(d.actual)}, must be ${hex(d.expected)}`;
    return undefined;
  },
  BAD_COUNT: (d) => valueMessage(d, fieldName(d) ?? 'count'),
  DUPLICATE_ID: (d) => has(d, 'value', 'first') ? `${show(d.value)} is already used at ${text(d.first)}` : undefined,
  GAP: (d) => has(d, 'bytes', 'start', 'end') ? `${count(d.bytes)} unreferenced byte(s) at ${count(d.start)}..${count(d.end)}` : undefined,
  BAD_FIELD_KIND: (d) => has(d, 'actual', 'allowed') ? `field kind ${show(d.actual)} is not one of ${list(d.allowed)}` : undefined,
  BAD_ACTION: (d) => has(d, 'actual', 'allowed') ? `action ${show(d.actual)} is not one of ${list(d.allowed)}` : undefined,
  BAD_UTF8: (d) => `string bytes are not valid UTF-8${present(d, 'at') ? ` (at offset ${count(d.at)})` : ''}`,
  UNKNOWN_OP: (d) => {
    if (!present(d, 'actual')) return undefined;
    if (present(d, 'implemented')) return `tag ${show(d.actual)} is not one this consumer implements (it implements ${list(d.implemented)})`;
    return `opcode ${show(d.actual)} is not a defined opcode${present(d, 'allowed') ? ` (defined: ${list(d.allowed)})` : ''}`;
  },
  UNKNOWN_TEMPLATE: (d) => present(d, 'type_id') ? `template type ${show(d.type_id)} is not in the file's template-type table` : undefined,
  FIELD_COUNT_MISMATCH: (d) => {
    if (has(d, 'actual', 'expected')) return `the instance has ${show(d.actual)} criteria, its template type declares ${show(d.expected)} fields`;
    if (!present(d, 'actual') || present(d, 'message')) return undefined;
    const declared = explained(d.values, 'template.field_count');
    if (declared !== undefined) return `the instance has ${show(d.actual)} criteria, its template type declares ${declared} fields`;
    const values = present(d, 'values') ? ` (${text(d.values)})` : '';
    return `the instance has ${show(d.actual)} criteria, not the number of fields its template type declares${values}`;
  },
  OP_KIND_MISMATCH: (d) => has(d, 'op', 'applies', 'field', 'declared')
    ? `${text(d.op)} applies to ${text(d.applies)}, but field ${show(d.field)} is declared ${text(d.declared)}`
    : undefined,
  POOL_OOB: (d) => {
    if (has(d, 'end', 'pool_size')) return `the string ends at pool byte ${count(d.end)}, but the pool has ${count(d.pool_size)} bytes`;
    // A consumer's read of a copied buffer (a model's `copies`): bytes at..end of a copy of `size` bytes.
    return has(d, 'end', 'size') ? `the read ends at byte ${count(d.end)} of a copy of ${count(d.size)} bytes` : undefined;
  },
  REGEX_INVALID: (d) => has(d, 'pattern', 'reason') ? `pattern ${show(d.pattern)} does not compile: ${text(d.reason)}` : undefined,
  REGEX_REDOS: (d) => has(d, 'pattern', 'reason') ? `pattern ${show(d.pattern)} can backtrack super-linearly: ${text(d.reason)}` : undefined,
  RANGE_INVERTED: (d) => has(d, 'lo', 'hi') && !present(d, 'message') ? `lo ${show(d.lo)} is greater than hi ${show(d.hi)}: the range never matches` : undefined,
  DECODE_BUDGET: (d) => budgetMessage(d),
  // Consumer faults and hazards, in the words of the model's input binding (any format): `key`
  // selects the supplied inputs, `index` is the input an element reads.
  OOB_INPUT_READ: (d) => has(d, 'index', 'supplied', 'key')
    ? `reads inputs[${show(d.index)}], but the consumer supplies ${show(d.supplied)} input(s) for key ${show(d.key)}`
    : undefined,
  TYPE_CONFUSION: (d) => has(d, 'index', 'needs', 'supplied')
    ? `reads inputs[${show(d.index)}] as ${text(d.needs)}, but the consumer supplies it as ${text(d.supplied)}`
    : undefined,
  REGEX_TOO_LONG: (d) => has(d, 'length', 'max') ? `the pattern is ${count(d.length)} bytes, the consumer's buffer holds ${count(d.max)}` : undefined,
  LIMIT_EXCEEDED: (d) => {
    if (has(d, 'limit', 'actual', 'max')) return `${text(d.limit)} is ${count(d.actual)}, the consumer refuses more than ${count(d.max)}`;
    return has(d, 'actual', 'max') ? `the value is ${count(d.actual)}, the consumer refuses more than ${count(d.max)}` : undefined;
  },
  EXEC_CRASH: (d) => present(d, 'summary') ? `the real consumer crashed: ${text(d.summary)}` : undefined,
  EXEC_HANG: (d) => present(d, 'timeoutMs') ? `the real consumer gave no answer within ${count(d.timeoutMs)} ms and was killed` : undefined,
  EXEC_NO_ANSWER: (d) => present(d, 'summary') ? `the real consumer did not say load or reject: ${text(d.summary)}` : undefined,
  EXEC_DISAGREE: (d) => has(d, 'profile', 'model', 'real')
    ? `the model of ${text(d.profile)} says ${text(d.model)}, the real consumer ${text(d.real)}`
    : undefined,
  INPUT_COUNT_MISMATCH: (d) => has(d, 'key', 'declared', 'supplied')
    ? `the content declares ${show(d.declared)} inputs for key ${show(d.key)}, the consumer supplies ${show(d.supplied)}; every element beyond reads nothing today, the next one that reads is an out-of-bounds read`
    : undefined,
  KIND_MISMATCH: (d) => has(d, 'key', 'field', 'declared', 'supplied')
    ? `the content declares input ${show(d.field)} of key ${show(d.key)} ${text(d.declared)}, the consumer supplies ${text(d.supplied)}; no element reads it today, the next one that does is a type confusion`
    : undefined,
  UNUSED_TEMPLATE: (d) => has(d, 'key', 'records')
    ? `${count(d.records)} record(s) of key ${show(d.key)} are never evaluated: the consumer does not list the key`
    : undefined,
};

/**
 * The message of an issue: code-specific wording when its details have the expected shape, else
 * wording by shape (a schema rule's own sentence first), else the code's title. Every value is
 * bounded and escaped (safe-text.ts), so the result is safe in any output format.
 */
export function renderMessage(code: FindingCode, details: Details | undefined, catalog: CodeCatalog = NO_MODEL_CODES): string {
  const builtin = isFindingCode(code);
  const own = builtin ? undefined : catalog.get(code);
  // A code no catalogue defines (a bug, or a report built without its model): still a sentence.
  // A model's title and template are its author's text: bounded and escaped like any other.
  const title = builtin ? FINDING_CODES[code].title : safeText(own?.title ?? `finding ${code}`, 300);
  if (!details) return own ? safeText(fillTemplate(own.message, {}) ?? title, 2_000) : title;
  // A schema's own sentence (contract D) beats any wording preflight can derive.
  const text = (present(details, 'message') ? ruleMessage(details) : undefined)
    ?? (builtin ? RENDER[code]?.(details) : own ? fillTemplate(own.message, details) : undefined)
    ?? genericMessage(details);
  return text === undefined || text === '' ? title : safeText(text, 2_000);
}

/**
 * A model code's message: each `{name}` is the detail of that name, shown bounded and escaped
 * like any value from a file. Undefined when a placeholder names a detail the finding lacks, so the
 * reader gets the title (or the generic wording), never a sentence with a hole in it.
 */
function fillTemplate(template: string, details: Details): string | undefined {
  let missing = false;
  const out = template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)(:hex)?\}/g, (_, name: string, format: string | undefined) => {
    if (!present(details, name)) {
      missing = true;
      return '';
    }
    const v = details[name];
    if (format !== undefined) return hexDetail(v);
    return typeof v === 'number' || typeof v === 'bigint' ? count(v) : text(v);
  });
  return missing ? undefined : out;
}

/**
 * `{name:hex}`: an integer as 0x-prefixed upper-case hex (a checksum: 0xCB05F190), bytes as their
 * hex digits (the first 64 bytes, then the length), a hex digest as it is; anything else as `{name}`.
 */
function hexDetail(v: unknown): string {
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v))) {
    const n = BigInt(v);
    return n < 0n ? `-0x${(-n).toString(16).toUpperCase()}` : `0x${n.toString(16).toUpperCase()}`;
  }
  if (v instanceof Uint8Array) {
    const head = Buffer.from(v.buffer, v.byteOffset, Math.min(v.byteLength, 64)).toString('hex');
    return v.length > 64 ? `${head}… (${count(v.length)} bytes)` : head;
  }
  if (typeof v === 'string' && /^[0-9a-fA-F]{1,128}$/.test(v)) return v;
  return typeof v === 'number' ? count(v) : text(v);
}
