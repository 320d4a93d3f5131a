import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelError, parseModel } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';

const schema = loadSchema('schemas/ccf-v1.yaml');
const TEXT = readFileSync('schemas/ccf-v1.consumer.yaml', 'utf8');

/** Replaces the first occurrence of `from` (which must exist) and returns the text and its 1-based line. */
function edit(from: string, to: string): { text: string; line: number } {
  const at = TEXT.indexOf(from);
  expect(at, from).toBeGreaterThanOrEqual(0);
  return { text: TEXT.slice(0, at) + to + TEXT.slice(at + from.length), line: TEXT.slice(0, at).split('\n').length };
}

function failure(text: string): ModelError {
  try {
    parseModel(text, 'm.yaml', schema);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error('the model loaded');
}

describe('consumer model loader', () => {
  it('loads the bundled CCF model, every name resolved', () => {
    const m = parseModel(TEXT, 'ccf-v1.consumer.yaml', schema);
    expect(m.consumer).toBe('ccf-agent');
    expect(m.load.map((f) => f.id)).toEqual(['types', 'index', 'pool', 'instances']);
    expect([...m.copies]).toEqual(['pool']);
    expect(m.switches).toEqual([{ struct: 'criterion', field: 'args', tags: 'ops', code: 'UNKNOWN_OP' }]);
    expect(m.inputs?.element).toBe('criterion');
    expect([...m.profile.limits.keys()]).toEqual(['max_instances', 'max_file_size', 'regex_max_length']);
  });

  // [what, from, to, key, message fragment]: each error names the line of the key it is about.
  const cases: Array<[string, string, string, string, RegExp]> = [
    ['unknown top-level key', 'load: [types', 'loads: [types', 'loads', /unknown key/],
    ['misspelled field in a refuse rule', 'when: header.magic != 0xAAAAAAAA', 'when: header.magik != 0xAAAAAAAA', 'refuse.rules[0].when', /magik.*did you mean magic/],
    ['a rule that is not true or false', 'when: header.version != 1', 'when: header.version + 1', 'refuse.rules[1].when', /must be true or false/],
    ['an undeclared limit', 'when: _io.size > limits.max_file_size', 'when: _io.size > limits.max_file_sise', 'refuse.rules[2].when', /max_file_sise is not a limit/],
    ['a syntax error', 'when: header.instance_count > limits.max_instances', "when: 'header.instance_count >'", 'refuse.rules[3].when', /at character/],
    ['a limit of 2^53', 'max_instances: { min: 1, max: 9007199254740991 }', 'max_instances: { min: 1, max: 9007199254740992 }', 'profile.limits.max_instances.max', /at most 9007199254740991/],
    ['a field read before the one it follows', 'load: [types, index, pool, instances]', 'load: [index, types, pool, instances]', 'load[0]', /starts after types/],
    ['an unknown root field', 'load: [types, index, pool, instances]', 'load: [types, index, pool, records]', 'load[3]', /file has no field records/],
    ['a view into a buffer not copied', 'copies: [pool]', 'copies: []', 'copies', /view into _root\.pool/],
    ['a switch that is not one', '{ switch: criterion.args, tags: ops }', '{ switch: criterion.op, tags: ops }', 'dispatch[0].switch', /not a switch/],
    ['an undeclared tag set', '{ switch: criterion.args, tags: ops }', '{ switch: criterion.args, tags: opcodes }', 'dispatch[0].tags', /not a tag set/],
    ['a lookup of no let', 'lookup: instance.template', 'lookup: instance.templat', 'dispatch[1].lookup', /no let templat/],
    ['an unknown finding code', 'code: UNKNOWN_TEMPLATE', 'code: NULL_TEMPLATE', 'dispatch[1].code', /not a finding code/],
    ['a buffer limit that reads the file', 'max: limits.regex_max_length', 'max: str_len', 'buffers[0].max', /only numbers and limits/],
    ['an unknown engine', 'engine: re2', 'engine: pcre', 'engines[0].engine', /only engine is re2/],
    ['an element name that does not exist', 'when: op != 0', 'when: opcode != 0', 'inputs.when', /opcode is not a field or let of criterion/],
    ['a kind enum the profile does not supply', 'enum: field_kind }', 'enum: opcode }', 'inputs.kind.enum', /supplies kinds of field_kind/],
    ['a declared table that is not one', 'declares: { table: types', 'declares: { table: header', 'inputs.declares.table', /not an array of records/],
    ['an unknown enum', 'kinds: field_kind', 'kinds: field_kinds', 'profile.inputs.kinds', /not an enum/],
  ];
  it.each(cases)('refuses %s with file:line:col and key', (_what, from, to, key, message) => {
    const { text, line } = edit(from, to);
    const e = failure(text);
    expect(e.key).toBe(key);
    expect(e.problem).toMatch(message);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^m\\.yaml:${line}:\\d+: ${key.replace(/[[\].]/g, '\\$&')}: `));
  });

  it('refuses a missing key and a model for another format', () => {
    expect(failure(TEXT.replace(/^refuse:/m, 'refuse_:')).problem).toMatch(/unknown key|missing key "refuse"/);
    expect(failure(TEXT.replace('schema: ccf-v1', 'schema: sigpack-v1')).problem).toMatch(/schema's format is ccf-v1/);
  });

  it('never throws anything but a ModelError on a damaged model (and never hangs)', () => {
    const lines = TEXT.split('\n');
    fc.assert(fc.property(fc.nat({ max: lines.length - 1 }), fc.string({ maxLength: 12 }), fc.nat({ max: 80 }), (i, junk, col) => {
      const damaged = [...lines];
      damaged[i] = damaged[i]!.slice(0, col) + junk + damaged[i]!.slice(col + junk.length);
      try {
        parseModel(damaged.join('\n'), 'm.yaml', schema);
      } catch (e) {
        expect(e).toBeInstanceOf(ModelError);
      }
    }), { numRuns: 150 });
  });
});

describe('finding a model beside its schema', () => {
  it('finds NAME.consumer.yaml next to NAME.yaml, and nothing for a schema without one', async () => {
    const { modelBeside } = await import('../../src/model/index.js');
    expect(modelBeside('schemas/ccf-v1.yaml')).toBe('schemas/ccf-v1.consumer.yaml');
    expect(modelBeside('schemas/sigpack-v1.yaml')).toBe('schemas/sigpack-v1.consumer.yaml');
    expect(modelBeside('test/model/no-such-schema.yaml')).toBeUndefined();
  });
});
