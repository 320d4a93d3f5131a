import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, renderMessage, type BuiltinCode } from '../../src/findings/index.js';
import { hasUnsafe } from '../../src/findings/safe-text.js';
import { validateBytes } from '../../src/validate/index.js';
import { corpusSources, loadExpectations } from '../helpers/corpus.js';
import { DETAIL_SHAPES, PLACEHOLDERS } from './detail-shapes.js';
import { hostileString } from './hostile-string.js';

const CODES = Object.keys(FINDING_CODES) as BuiltinCode[];

function expectClean(message: string): void {
  for (const word of PLACEHOLDERS) expect(message).not.toContain(word);
  expect(message.trim()).not.toBe('');
  expect(hasUnsafe(message)).toBe(false);
  expect(message.length).toBeLessThanOrEqual(2_100);
}

describe('message placeholders (issue 8)', () => {
  // The exact details src/check/rules/valid-rules.ts builds for the bundled CCF schema's
  // `valid: [{ expr: template == null || criteria_count == template.field_count, code: FIELD_COUNT_MISMATCH }]`.
  // Before: "instance has 22 criteria, its template type declares undefined fields".
  it('FIELD_COUNT_MISMATCH from an expr rule names no undefined field count', () => {
    const details = {
      criteria_count: 22, actual: 22,
      rule: 'template == null || criteria_count == template.field_count', values: 'criteria_count = 22, template.field_count = 21',
    };
    const message = renderMessage('FIELD_COUNT_MISMATCH', details);
    expectClean(message);
    expect(message).toBe('the instance has 22 criteria, its template type declares 21 fields');
    expect(renderMessage('FIELD_COUNT_MISMATCH', { ...details, values: '' })).toBe(
      'the instance has 22 criteria, not the number of fields its template type declares',
    );
  });

  // `valid: [{ max: 65535, code: BAD_COUNT }]` gives { min: '-', max: 65535n }. Before: `allowed "-"..65535`.
  it('BAD_COUNT with only a max reads "at most"', () => {
    const message = renderMessage('BAD_COUNT', { instance_count: 70000, actual: 70000, min: '-', max: 65535n });
    expectClean(message);
    expect(message).toBe('instance_count is 70000, allowed at most 65,535');
    expect(renderMessage('BAD_COUNT', { actual: 0, min: 1n })).toBe('count is 0, allowed at least 1');
    expect(renderMessage('BAD_COUNT', { actual: 40, min: 1n, max: 32n })).toBe('count is 40, allowed 1..32');
  });

  // `valid: [{ expr: ..., code: BAD_VALUE }]`. Before: "value is 7, allowed undefined..undefined".
  it('BAD_VALUE from an expr rule states the rule, not a range', () => {
    const message = renderMessage('BAD_VALUE', { score: 7, actual: 7, rule: 'score % 5 == 0', values: 'score = 7' });
    expectClean(message);
    expect(message).toBe('the schema requires that score % 5 = 0, but score = 7');
  });

  it('every code reads cleanly with every details shape a producer emits', () => {
    for (const [shape, details] of Object.entries(DETAIL_SHAPES)) {
      fc.assert(
        fc.property(details, fc.constantFrom(...CODES), (d, code) => {
          const message = renderMessage(code, d);
          try {
            expectClean(message);
          } catch (e) {
            throw new Error(`${code} × ${shape}: ${message}`, { cause: e });
          }
        }),
        { numRuns: 300 },
      );
    }
  });

  it('every code reads cleanly with no details, empty details and open bounds only', () => {
    for (const code of CODES) {
      for (const d of [undefined, {}, { min: '-', max: '∞' }, { actual: 1, min: '-', max: '∞' }, { actual: Number.NaN }, { limit: null }]) {
        expectClean(renderMessage(code, d));
      }
    }
  });

  it('every message the bundled corpus produces is clean', () => {
    const root = join(import.meta.dirname, '..', '..');
    let checked = 0;
    // Every format with the default fleet of its model, so the model-defined codes' messages are checked too.
    for (const s of corpusSources(root, loadExpectations(root))) {
      const report = validateBytes(s.key, new Uint8Array(readFileSync(s.binary)), { schema: s.schema, ...(s.consumers ? { consumers: s.consumers } : {}) });
      for (const f of report.findings) {
        expectClean(f.message);
        checked++;
      }
      for (const c of report.consumers) if (c.fault) expectClean(c.fault.message);
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe('readable rule messages (contract D)', () => {
  it("prefers the schema's own sentence, with the values", () => {
    const message = renderMessage('CONSTRAINT', { rule: "has(records, 'tag', 1)", values: 'record_count = 2', message: 'every pack needs a NAME record' });
    expect(message).toBe('every pack needs a NAME record: record_count = 2');
    expect(renderMessage('CONSTRAINT', { rule: 'a == b', values: 'a = 1, b = 2', message: 'A must equal B.' })).toBe('A must equal B: a = 1, b = 2');
  });

  it('otherwise words the rule as readably as it can', () => {
    // Before: "has(records, 'tag', 1) does not hold".
    expect(renderMessage('CONSTRAINT', { rule: "has(records, 'tag', 1)", values: '' })).toBe(
      'the schema requires that at least one element of records has tag = 1, which does not hold here',
    );
    expect(renderMessage('SIZE_MISMATCH', { rule: '14 + body_size + 4 == _io.size', values: 'body_size = 10, _io.size = 30' })).toBe(
      'the schema requires that 14 + body_size + 4 = the file size, but body_size = 10, the file size = 30',
    );
  });

  it("says whose size _io.size is when the rule was evaluated inside a substream or decompressed data", () => {
    const d = { rule: '8 + length == _io.size', values: 'length = 3, _io.size = 12' };
    expect(renderMessage('SIZE_MISMATCH', d)).toBe('the schema requires that 8 + length = the file size, but length = 3, the file size = 12');
    expect(renderMessage('SIZE_MISMATCH', { ...d, stream: 'substream' })).toBe(
      'the schema requires that 8 + length = the size of its substream, but length = 3, the size of its substream = 12',
    );
    expect(renderMessage('SIZE_MISMATCH', { ...d, stream: 'decompressed' })).toContain('= the size of the decompressed data');
  });

  it('does not take a file value for the schema sentence', () => {
    // A field named "message" lands in details too, as the value itself: not the schema's sentence.
    const message = renderMessage('BAD_VALUE', { message: 'PWNED', actual: 'PWNED', expected: 1 });
    expect(message).toBe('value is "PWNED", expected 1');
  });

  it("gives a value rule's sentence its value, and says when a rule could not be evaluated", () => {
    expect(renderMessage('BAD_COUNT', { instance_count: 70000, actual: 70000, min: '-', max: 65535n, message: 'too many instances for any agent' })).toBe(
      'too many instances for any agent: instance_count is 70000, allowed at most 65,535',
    );
    expect(renderMessage('CONSTRAINT', { rule: 'records[9].tag == 1', values: 'could not be evaluated: index 9 is out of range', unevaluated: true, reason: 'index 9 is out of range' })).toBe(
      'the rule records[9].tag = 1 could not be evaluated on this file: index 9 is out of range',
    );
  });

  it('says which budget ran out, its limit and where', () => {
    expect(renderMessage('DECODE_BUDGET', { budget: 'depth', limit: 200, stage: 'checks' })).toBe(
      'the nesting limit of 200 levels ran out during checks; the rest was not checked, so the file cannot pass',
    );
    expect(renderMessage('DECODE_BUDGET', { budget: 'regex time', limit: 3000, stage: 'checks', pattern: '(a+)+', reason: 'slow to compile' })).toBe(
      'pattern "(a+)+" could not be proven safe: the regex time budget of 3,000 ms ran out during checks (slow to compile)',
    );
  });
});

describe('values echoed in messages', () => {
  it('are escaped and bounded, whatever the file holds', () => {
    fc.assert(
      fc.property(hostileString(400), (pattern) => {
        const message = renderMessage('REGEX_INVALID', { pattern, reason: pattern });
        expect(hasUnsafe(message)).toBe(false);
        expect(message.length).toBeLessThan(1_000);
      }),
      { numRuns: 500 },
    );
  });

  it('never throw, and stay safe and bounded, whatever the details hold', () => {
    const value = fc.oneof(
      fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, maxDepth: 3 }),
      hostileString(100),
    );
    fc.assert(
      fc.property(fc.constantFrom(...CODES), fc.dictionary(fc.constantFrom('actual', 'expected', 'min', 'max', 'allowed', 'mask', 'rule', 'values', 'message', 'pattern', 'reason', 'value', 'first', 'limit', 'budget', 'type_id', 'index', 'supplied', 'at', 'needed', 'available'), value), (code, details) => {
        const message = renderMessage(code, details);
        expect(hasUnsafe(message)).toBe(false);
        expect(message.length).toBeLessThanOrEqual(2_100);
        expect(message).not.toContain('[object Object]');
      }),
      { numRuns: 1_000 },
    );
  });

  it('cut a 5 MB string to a bound that states its length', () => {
    const huge = 'a'.repeat(5 * 1024 * 1024);
    const message = renderMessage('REGEX_REDOS', { pattern: huge, reason: 'nested quantifiers' });
    expect(message.length).toBeLessThan(300);
    expect(message).toContain('…" (5,242,880 chars)');
  });

  it('show terminal escapes, bidi overrides and lone surrogates as visible escapes', () => {
    const message = renderMessage('REGEX_INVALID', { pattern: '\u001b[2J\u202e\ud800\u009b', reason: 'bad \u001b]8;;x\u0007' });
    expect(message).toBe('pattern "\\u001b[2J\\u202e\\ud800\\x9b" does not compile: bad \\x1b]8;;x\\x07');
  });
});
