import { count, has, hex, list, present, range, show, text, type Details } from './message-values.js';
import { safeText } from './safe-text.js';

/**
 * Messages by the shape of an issue's details rather than by its code: a schema may give any code
 * to any rule (`valid: [{ max: 65535, code: BAD_COUNT }]`, an `expr` rule with `code: BAD_VALUE`),
 * so every code must read well with every shape a producer emits. Code-specific wording
 * (messages.ts) is tried first; these are the fallback for each shape.
 */

/**
 * The schema's own sentence for a rule (contract D), when it gave one. A field that happens to be
 * named "message" lands in details too, as `{ message: value, actual: value }`: its bytes come
 * from the file, so a message equal to the value is not taken for the schema's.
 */
function schemaSentence(d: Details): string | undefined {
  const m = d.message;
  if (typeof m !== 'string' || m.trim() === '' || m === d.actual) return undefined;
  return safeText(m.trim(), 300);
}

/**
 * Asserts and `valid:` rules: the schema's own sentence when it gives one, with the values the
 * rule was made of; otherwise the rule, made as readable as text allows.
 */
export function ruleMessage(d: Details): string | undefined {
  const sentence = schemaSentence(d);
  if (d.unevaluated === true && present(d, 'rule')) {
    const why = present(d, 'reason') ? `: ${text(d.reason)}` : '';
    const rule = `the rule ${readable(ruleText(d.rule), d.stream)} could not be evaluated on this file${why}`;
    return sentence === undefined ? rule : `${sentence.replace(/[.;:]+$/, '')}: ${rule}`;
  }
  const explained = present(d, 'values') ? readable(text(d.values), d.stream) : '';
  const values = withField(d, explained);
  if (sentence !== undefined) {
    const shown = (present(d, 'rule') ? values : valueMessage(d)) ?? values;
    // "A sentence." + values → "A sentence: criteria_count = 255, template.field_count = 4".
    return shown === '' ? sentence : `${sentence.replace(/[.;:]+$/, '')}: ${shown}`;
  }
  if (!present(d, 'rule')) return undefined;
  const rule = readable(ruleText(d.rule), d.stream);
  if (values !== '') return `the schema requires that ${rule}, but ${values}`;
  if (present(d, 'actual')) return `the schema requires that ${rule}, but the value is ${show(d.actual)}`;
  return `the schema requires that ${rule}, which does not hold here`;
}

/** Keys a producer sets itself: any other key whose value is `actual` is the field's own name. */
const PRODUCER_KEYS = new Set(['actual', 'expected', 'min', 'max', 'allowed', 'mask', 'rule', 'values', 'message', 'lo', 'hi', 'stream']);

/**
 * `valid:` rules put the field's value under its own name too (`{ type_id: 9, actual: 9, ... }`).
 * Names it in front of the rule's values when they do not already: `type_id = 9, template = null`.
 */
export function fieldName(d: Details): string | undefined {
  if (!present(d, 'actual')) return undefined;
  return Object.keys(d).find((k) => !PRODUCER_KEYS.has(k) && d[k] === d.actual && /^[A-Za-z_]\w{0,63}$/.test(k));
}

function withField(d: Details, values: string): string {
  const field = fieldName(d);
  if (field === undefined || values.includes(`${field} = `)) return values;
  const own = `${field} = ${show(d.actual)}`;
  return values === '' ? own : `${own}, ${values}`;
}

/** What `_io.size` is where the rule was evaluated (details.stream, set by the checks): the file unless it says otherwise. */
const STREAM_SIZE: Readonly<Record<string, string>> = { substream: 'the size of its substream', decompressed: 'the size of the decompressed data' };

/** Operators and built-ins as words: `len(records) == record_count` → `the number of records = record_count`. */
export function readable(rule: string, stream?: unknown): string {
  const size = typeof stream === 'string' && Object.prototype.hasOwnProperty.call(STREAM_SIZE, stream) ? STREAM_SIZE[stream]! : 'the file size';
  return rule
    .replace(/\bhas\(\s*([\w.[\]]+)\s*,\s*'([^']*)'\s*,\s*([^()]+?)\s*\)/g, 'at least one element of $1 has $2 = $3')
    .replace(/\blen\(\s*([\w.[\]]+)\s*\)/g, 'the number of $1')
    .replace(/\bsizeof\(\s*([\w.[\]]+)\s*\)/g, 'the size of $1')
    .replace(/\b_io\.size\b/g, size)
    .replace(/\b_parent\./g, 'the parent’s ')
    .replace(/\b_root\./g, '')
    .replace(/\s*==\s*/g, ' = ')
    .replace(/\s*!=\s*/g, ' ≠ ')
    .replace(/\s*<=\s*/g, ' ≤ ')
    .replace(/\s*>=\s*/g, ' ≥ ')
    .replace(/\s*&&\s*/g, ' and ')
    .replace(/\s*\|\|\s*/g, ' or ');
}

/** The value-rule shapes of `valid:` (eq, range, in, enum, mask), for any code. */
export function valueMessage(d: Details, what = fieldName(d) ?? 'value'): string | undefined {
  if (!present(d, 'actual')) return undefined;
  const actual = show(d.actual);
  if (present(d, 'expected')) return `${what} is ${actual}, expected ${show(d.expected)}`;
  if (present(d, 'allowed')) return `${what} ${actual} is not one of ${list(d.allowed)}`;
  if (present(d, 'mask')) return `${what} ${hex(d.actual)} has bits outside the allowed mask ${hex(d.mask)}`;
  const bounds = range(d);
  if (bounds !== undefined) return `${what} is ${actual}, allowed ${bounds}`;
  if ('min' in d || 'max' in d) return `${what} is ${actual}, outside the allowed range`;
  return undefined;
}

/** Every other shape a producer emits, whatever the code (see test/findings for the list). */
export function genericMessage(d: Details): string | undefined {
  return ruleMessage(d) ?? valueMessage(d) ?? (present(d, 'budget') ? budgetMessage(d) : undefined) ?? layoutMessage(d) ?? budgetMessage(d);
}

function layoutMessage(d: Details): string | undefined {
  if (has(d, 'stored', 'computed')) return checksumMessage(d);
  if (has(d, 'pattern', 'reason')) return `pattern ${show(d.pattern)}: ${text(d.reason)}`;
  // `process:` data that does not decompress (src/parse/decode/inflate-field.ts).
  if (has(d, 'algo', 'reason') && !present(d, 'budget')) return `the ${text(d.algo)} data does not decompress: ${text(d.reason)}`;
  if (has(d, 'value', 'first')) return `${show(d.value)} is already used at ${text(d.first)}`;
  if (has(d, 'value', 'reason')) return `offset ${count(d.value)}: ${text(d.reason)}`;
  if (has(d, 'bytes', 'start', 'end')) return `${count(d.bytes)} unreferenced byte(s) at ${count(d.start)}..${count(d.end)}`;
  if (has(d, 'needed', 'at', 'available')) return truncatedMessage(d);
  if (has(d, 'end', 'pool_size')) return `ends at pool byte ${count(d.end)}, past the pool's ${count(d.pool_size)} bytes`;
  if (has(d, 'reason')) return text(d.reason);
  if (has(d, 'at')) return `at offset ${count(d.at)}`;
  return undefined;
}

/** `stored crc32 0x1, computed 0x2 over bytes 12..20` (of a field: `of data`; in decompressed data: `decompressed bytes`). */
function checksumMessage(d: Details): string {
  const algo = typeof d.algo === 'string' && /^[a-z0-9-]{1,20}$/.test(d.algo) ? d.algo : 'checksum';
  const shown = (v: unknown) => (typeof v === 'string' ? text(v) : hex(v));
  let over = '';
  if (has(d, 'from', 'to')) over = ` over bytes ${count(d.from)}..${count(d.to)}`;
  else if (has(d, 'inner_from', 'inner_to')) over = ` over decompressed bytes ${count(d.inner_from)}..${count(d.inner_to)}`;
  const of = present(d, 'of') ? ` of ${text(d.of)}` : '';
  return `stored ${algo} ${shown(d.stored)}, computed ${shown(d.computed)}${of}${over}`;
}

export function truncatedMessage(d: Details): string {
  const what = present(d, 'what') ? ` (${text(d.what)})` : '';
  // Inside a `size` substream the limit is the substream's end, not the file's: say whose.
  const within = present(d, 'substream') ? ` in the substream of ${text(d.substream)}` : '';
  const inner = present(d, 'inner_offset') ? ` of the decompressed data` : '';
  return `needs ${count(d.needed)} byte(s) at offset ${count(d.at)}${inner}, only ${count(d.available)} left${within}${what}`;
}

/** How each budget is named and counted in a message; others are named as given. */
const BUDGETS: Readonly<Record<string, { name: string; unit: string }>> = {
  nodes: { name: 'node budget', unit: ' nodes' },
  node: { name: 'node budget', unit: ' nodes' },
  time: { name: 'time budget', unit: ' ms' },
  depth: { name: 'nesting limit', unit: ' levels' },
  'regex time': { name: 'regex time budget', unit: ' ms' },
  process: { name: 'decompressed-size limit', unit: ' bytes' },
};

/** DECODE_BUDGET and any other budget stop: which budget, its limit, where work stopped. */
export function budgetMessage(d: Details): string | undefined {
  if (!present(d, 'limit')) return undefined;
  const kind = typeof d.budget === 'string' && d.budget !== '' ? d.budget : present(d, 'budget') ? show(d.budget) : 'nodes';
  const known = Object.prototype.hasOwnProperty.call(BUDGETS, kind) ? BUDGETS[kind] : undefined;
  const budget = known ? `the ${known.name} of ${count(d.limit)}${known.unit}` : `the ${text(kind)} budget of ${count(d.limit)}`;
  const during = present(d, 'stage') ? ` during ${text(d.stage)}` : '';
  const why = present(d, 'reason') ? ` (${text(d.reason)})` : '';
  if (present(d, 'pattern')) return `pattern ${show(d.pattern)} could not be proven safe: ${budget} ran out${during}${why}`;
  return `${budget} ran out${during}${why}; the rest was not checked, so the file cannot pass`;
}

/** A rule's source text (from the schema): bounded; anything but a string shown as a value. */
function ruleText(rule: unknown): string {
  return typeof rule === 'string' ? safeText(rule, 300) : show(rule);
}
