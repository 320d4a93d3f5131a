import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/consumer/index.js';
import { loadFleet } from '../oracle/index.js';
import { loadModel, loadModelProfile, parseModelProfile } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';

const schema = loadSchema('schemas/ccf-v1.yaml');
const model = loadModel('schemas/ccf-v1.consumer.yaml', schema);
const kinds = schema.enums.get('field_kind')!.byName;
const ops = schema.enums.get('opcode')!.byName;
const P711 = readFileSync('profiles/default/agent-7.11.yaml', 'utf8');

function failure(text: string): ProfileError {
  try {
    parseModelProfile(text, 'p.yaml', model);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return e as ProfileError;
  }
  throw new Error('the profile loaded');
}

describe('profiles read through the model', () => {
  it('reads the default fleet unchanged: the same name, population, inputs, opcodes and limits as src/consumer', () => {
    for (const p of loadFleet('profiles/default')) {
      const m = loadModelProfile(p.source, model);
      expect(m.name).toBe(p.name);
      expect(m.population).toBe(p.population);
      expect([...m.inputs]).toEqual([...p.templates].map(([id, t]) => [id, t.inputs.map((k) => kinds.get(k))]));
      expect(m.tags.get('ops')).toEqual([...p.ops].map((o) => ops.get(o)));
      expect(Object.fromEntries(m.limits)).toEqual(p.limits);
    }
  });

  const cases: Array<[string, string, string, string, RegExp]> = [
    ['an unknown key', 'population: 8500000', 'populaton: 8500000', 'populaton', /unknown key/],
    ['a wrong type', 'population: 8500000', 'population: many', 'population', /must be an integer/],
    ['an unknown kind', 'inputs: [STR, INT, STR, STR]', 'inputs: [STR, INT, STR, FLOAT]', 'templates.2.inputs[3]', /must be one of INT, STR/],
    ['a key out of range', '  2:\n', '  70000:\n', 'templates.70000', /integer 0\.\.65535/],
    ['an unknown opcode', 'ops: [ANY, EQ_INT', 'ops: [ANY, EQ_INTEGER', 'ops[1]', /must be one of ANY/],
    ['an unknown limit', 'regex_max_length: 256', 'regex_max_len: 256', 'limits.regex_max_len', /unknown key/],
    ['a limit over its bound', 'max_file_size: 1048576', 'max_file_size: 4294967297', 'limits.max_file_size', /between 1 and 4294967296/],
    ['a limit of 2^53', 'max_instances: 4096', 'max_instances: 9007199254740992', 'limits.max_instances', /at most/],
  ];
  it.each(cases)('refuses %s with file:line:col and key', (_what, from, to, key, message) => {
    const at = P711.indexOf(from);
    expect(at).toBeGreaterThanOrEqual(0);
    const e = failure(P711.slice(0, at) + to + P711.slice(at + from.length));
    expect(e.key).toBe(key);
    expect(e.problem).toMatch(message);
    expect(e.line).toBe(P711.slice(0, at + (from.startsWith('  2:') ? 2 : 0)).split('\n').length);
  });

  it('refuses a missing key, naming it', () => {
    expect(failure(P711.replace(/^ops:.*$/m, '')).problem).toBe('missing key "ops"');
    expect(failure('name: x').problem).toMatch(/missing key "templates"/);
  });

  it('never throws anything but a ProfileError on a damaged profile', () => {
    const lines = P711.split('\n');
    fc.assert(fc.property(fc.nat({ max: lines.length - 1 }), fc.string({ maxLength: 10 }), fc.nat({ max: 40 }), (i, junk, col) => {
      const damaged = [...lines];
      damaged[i] = damaged[i]!.slice(0, col) + junk + damaged[i]!.slice(col + junk.length);
      try {
        parseModelProfile(damaged.join('\n'), 'p.yaml', model);
      } catch (e) {
        expect(e).toBeInstanceOf(ProfileError);
      }
    }), { numRuns: 200 });
  });
});
