import fc from 'fast-check';
import { show, text } from '../../src/findings/message-values.js';
import { hostileString } from './hostile-string.js';

/**
 * Every shape of `details` a producer emits, with where it is raised. A schema may give any code
 * to any of the schema-driven shapes, so messages are tested as every code × every shape.
 * Keep in step with: src/check/rules/*.ts, src/check/check-struct.ts (asserts),
 * src/parse/decode/*.ts, src/model/run/*.ts (the consumer model's refusals, reads, dispatch and input binding).
 */

/** Words a message template must never produce (a missing detail or a placeholder bound). */
export const PLACEHOLDERS = ['undefined', 'NaN', 'Infinity', '[object Object]', '"-"', '..∞', 'null..', '..null'];

/** Strings from a file: any unicode, lone surrogates included, never containing a placeholder word. */
// Checked as shown too: escaping may make one (`"-` is shown quoted as `"\"-"`, which holds `"-"`).
export const fileString = hostileString(300).filter((s) => !PLACEHOLDERS.some((p) => s.includes(p) || show(s).includes(p) || text(s).includes(p)));

const int = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const big = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const num = fc.oneof(int, big);
const fieldValue = fc.oneof(num, fileString);
const ruleSource = fc.constantFrom(
  '14 + body_size + 4 == _io.size',
  "has(records, 'tag', 1)",
  'template == null || criteria_count == template.field_count',
  'lo <= hi',
  'len(records) == record_count',
);
const explained = fc.constantFrom('', 'header.file_size = 120, _io.size = 124', 'criteria_count = 22, template.field_count = 21');
const digest = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const sentence = fc.constantFrom('every pack needs a NAME record', 'the criteria count must match the template type');

/** Where the field's own value lands too: `{ [field.id]: value, actual: value, ...failure }`. */
const withField = (failure: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(fieldValue, failure).map(([v, f]) => ({ score: v, actual: v, ...f }));

export const DETAIL_SHAPES: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>> = {
  // src/check/rules/valid-rules.ts: eq, range (either bound open, as today with '-' / '∞', or left out), in, mask, enum, expr
  'valid eq': withField(fc.record({ expected: num })),
  'valid range': withField(fc.record({ min: fc.oneof(num, fc.constant('-')), max: fc.oneof(num, fc.constant('∞')) })),
  'valid range, max only': withField(fc.record({ max: num }, { requiredKeys: [] })),
  'valid in': withField(fc.record({ allowed: fc.constantFrom('1, 2, 3', '0 (log), 1 (block), 2 (kill)') })),
  'valid mask': withField(fc.record({ mask: num })),
  'valid expr': withField(fc.record({ rule: ruleSource, values: explained })),
  'valid expr with message': withField(fc.record({ rule: ruleSource, values: explained, message: sentence })),
  // src/check/check-struct.ts: asserts (lo/hi when the struct has them), with or without a message
  assert: fc.record({ rule: ruleSource, values: explained, lo: num, hi: num }, { requiredKeys: ['rule', 'values'] }),
  'assert with message': fc.record({ rule: ruleSource, values: explained, message: sentence }),
  // src/check/rules/checksum.ts, pattern.ts, unique.ts, placement.ts
  checksum: fc.record({ stored: num, computed: num, from: int, to: int }),
  pattern: fc.record({ pattern: fileString, reason: fc.oneof(fileString, fc.constant('missing )')) }),
  unique: fc.record({ value: fieldValue, first: fc.constant('types[0].type_id') }),
  placement: fc.record({ value: int, reason: fc.constant('before the end of index') }),
  gap: fc.record({ start: int, end: int, bytes: int }),
  // src/parse/decode: utf8, view past its region, truncation, CONSTRAINT when a rule cannot be evaluated,
  // switch with no case, a placed record outside the file, repeat_bytes overrun, budgets
  utf8: fc.record({ at: int }),
  'view past region': fc.record({ end: int, pool_size: int, at: int, size: int }),
  truncated: fc.record({ needed: int, at: fc.integer({ min: -5, max: 2 ** 31 }), available: int, what: fc.constantFrom('header', '4 × criteria') }),
  'cannot evaluate': fc.record({ rule: fc.constant('repeat header.type_count'), values: fc.constant('index 9 is out of range') }),
  'switch without case': fc.record({ actual: int, allowed: fc.array(int, { maxLength: 20 }) }),
  'placed outside file': fc.record({ value: int, reason: fc.constant('instances would start outside the file (120 bytes)') }),
  budget: fc.record({ budget: fc.constantFrom('nodes', 'time', 'depth', 'regex time'), limit: int, stage: fc.constantFrom('decode', 'checks', 'consumer analysis') }, { requiredKeys: ['limit'] }),
  'regex budget': fc.record({ budget: fc.constant('regex time'), limit: int, stage: fc.constant('checks'), pattern: fileString, reason: fileString }, { requiredKeys: ['budget', 'limit', 'reason'] }),
  // src/check/check-context.ts cannotEvaluate: a rule that cannot be evaluated on a complete file
  unevaluated: fc.record({ rule: ruleSource, values: fc.constant('could not be evaluated: index 9 is out of range'), unevaluated: fc.constant(true), reason: fc.constant('index 9 is out of range'), message: sentence }, { requiredKeys: ['rule', 'values', 'unevaluated', 'reason'] }),
  'valid range with message': withField(fc.record({ min: num, max: num, message: sentence }, { requiredKeys: ['message'] })),
  'field named message': fc.tuple(fileString).map(([v]) => ({ message: v, actual: v, rule: 'message != ""', values: '' })),
  // src/model/run: a consumer model's refusals (details are the model's own expressions), reads,
  // dispatch, buffers and input binding
  'refuse magic/version': fc.record({ actual: int, expected: int }),
  'limit exceeded': fc.record({ actual: int, max: int }),
  'limit exceeded, named': fc.record({ limit: fc.constantFrom('file size', 'instance_count'), actual: int, max: int }),
  'read past end': fc.record({ needed: int, at: int, what: fc.constant('criterion'), fileSize: int }),
  'oob input read': fc.record({ index: int, supplied: int, key: int }),
  'type confusion': fc.record({ index: int, needs: fc.constantFrom('INT', 'STR'), supplied: fc.constant('STR') }),
  'null lookup': fc.record({ type_id: int }),
  'unimplemented tag (consumer)': fc.record({ actual: int, implemented: fc.array(int, { maxLength: 20 }) }),
  'view outside copy (consumer)': fc.record({ end: int, size: int, at: int }),
  'buffer overflow': fc.record({ length: int, max: int }),
  'input count mismatch': fc.record({ key: int, declared: int, supplied: int }),
  'kind mismatch': fc.record({ key: int, field: int, declared: fc.constant('STR'), supplied: fc.constant('INT') }),
  'unused records': fc.record({ key: int, records: int }),
  'no details we know': fc.record({ something: fieldValue }),
  // Issue 10 constructs. src/check/rules/checksum.ts: every algorithm, over a range (absolute, or
  // inside decompressed bytes) or of a field; sha256 digests as hex text.
  'checksum, algorithm': fc.record({ algo: fc.constantFrom('crc32', 'crc32-low16', 'crc16-ccitt', 'adler32'), stored: num, computed: int, from: int, to: int }),
  'checksum of a field': fc.record({ algo: fc.constant('crc32'), stored: num, computed: int, of: fc.constantFrom('data', '_parent.body') }),
  'checksum in decompressed bytes': fc.record({ algo: fc.constant('adler32'), stored: num, computed: int, inner_from: int, inner_to: int }),
  'checksum sha256': fc.record({ algo: fc.constant('sha256'), stored: digest, computed: digest, from: int, to: int }),
  // src/check/rules/contents.ts
  contents: fc.record({ expected: fc.uint8Array({ minLength: 1, maxLength: 12 }), actual: fc.uint8Array({ maxLength: 64 }) }),
  // src/parse/decode: TRUNCATED inside a size substream or decompressed data, process failures and limits,
  // a parameter of the wrong kind
  'truncated in a substream': fc.record({ needed: int, at: int, available: int, what: fc.constant('body'), substream: fc.constantFrom('chunks[0].body', 'ihdr') }),
  'inside decompressed data': fc.record({ needed: int, at: int, available: int, what: fc.constant('rows'), inner_offset: int }),
  'process failure': fc.record({ algo: fc.constantFrom('zlib', 'deflate'), reason: fc.constantFrom('incorrect header check', 'unexpected end of file') }),
  'process limit': fc.record({ budget: fc.constant('process'), limit: int, algo: fc.constantFrom('zlib', 'deflate'), stage: fc.constant('decode') }),
  // src/check: a rule evaluated inside a substream or decompressed data says so (`_io.size` is then not the file's)
  'rule in a substream': withField(fc.record({ rule: ruleSource, values: explained, stream: fc.constantFrom('substream', 'decompressed') })),
  'parameter kind': fc.record({ rule: fc.constant('row(width: int) given name'), values: fc.constantFrom('bytes', 'string') }),
};
