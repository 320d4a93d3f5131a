import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/consumer/index.js';
import { parseModelProfile } from '../../src/model/index.js';
import { ccfConsumers } from '../helpers/consumers.js';
import { thrownBy } from '../helpers/thrown.js';

/** CCF profiles are read through the CCF model's `profile:` declaration, as preflight reads them. */
const model = ccfConsumers().model;
const parseProfile = (text: string, source: string) => parseModelProfile(text, source, model);
const enumValue = (enumName: string, name: string): number => model.schema.enums.get(enumName)!.byName.get(name)!;
const kinds = (...names: string[]) => names.map((n) => enumValue('field_kind', n));

const VALID = `name: agent-x
population: 12
templates:
  7:
    inputs: [STR, INT]
  3:
    inputs: []
ops: [ANY, REGEX]
limits:
  max_instances: 10
  max_file_size: 4096
  regex_max_length: 32
`;

const errorOf = (text: string): ProfileError => thrownBy(ProfileError, () => parseProfile(text, 'p.yaml'));

describe('a CCF profile read through the model', () => {
  it('parses every key, keeping the listing order of templates and ops', () => {
    const p = parseProfile(VALID, 'p.yaml');
    expect(p.name).toBe('agent-x');
    expect(p.population).toBe(12);
    expect([...p.inputs.keys()]).toEqual([7, 3]);
    expect(p.inputs.get(7)).toEqual(kinds('STR', 'INT'));
    expect(p.tags.get('ops')).toEqual([enumValue('opcode', 'ANY'), enumValue('opcode', 'REGEX')]);
    expect(Object.fromEntries(p.limits)).toEqual({ max_instances: 10, max_file_size: 4096, regex_max_length: 32 });
    expect(p.source).toBe('p.yaml');
  });

  it('defaults population to 0', () => {
    expect(parseProfile(VALID.replace('population: 12\n', ''), 'p.yaml').population).toBe(0);
  });

  it.each([
    ['name: ""', 1, 'name', 'non-empty'],
    ['population: -1', 2, 'population', 'between 0'],
    ['population: 1.5', 2, 'population', 'integer'],
    ['  7:\n    inputs: [STR, FLOAT]', 5, 'templates.7.inputs[1]', 'must be one of INT, STR'],
    ['  70000:\n    inputs: [STR]', 4, 'templates.70000', 'integer 0..65535'],
    ['  abc:\n    inputs: [STR]', 4, 'templates.abc', 'integer 0..65535'],
    ['  7:\n    inputs: [STR]\n    extra: 1', 6, 'templates.7.extra', 'unknown key'],
    ['  7:\n    kinds: [STR]', 5, 'templates.7.kinds', 'unknown key'],
    ['ops: [ANY, MATCH]', 8, 'ops[1]', 'must be one of ANY, EQ_INT'],
    ['ops: [ANY, ANY]', 8, 'ops[1]', 'twice'],
    ['ops: []', 8, 'ops', 'at least one'],
    ['  max_file_size: 0', 11, 'limits.max_file_size', 'between 1'],
    ['  max_file_size: 4294967297', 11, 'limits.max_file_size', '4294967296'],
    ['  regex_max_length: big', 12, 'limits.regex_max_length', 'integer'],
    ['colour: red', 13, 'colour', 'unknown key'],
  ])('rejects %j at line %i, key %s', (change, line, key, problem) => {
    const text = applyChange(VALID, change);
    const err = errorOf(text);
    expect(err.line).toBe(line);
    expect(err.key).toBe(key);
    expect(err.file).toBe('p.yaml');
    expect(err.message).toContain(`p.yaml:${line}:`);
    expect(err.message).toContain(key);
    expect(err.message).toContain(problem);
  });

  it('requires name, templates, ops, limits and every limit', () => {
    expect(errorOf(VALID.replace('name: agent-x\n', '')).message).toContain('missing key "name"');
    expect(errorOf(VALID.replace(/ops: .*\n/, '')).message).toContain('"ops"');
    expect(errorOf(VALID.replace(/limits:[\s\S]*$/, '')).message).toContain('"limits"');
    const e = errorOf(VALID.replace('  regex_max_length: 32\n', ''));
    expect(e).toMatchObject({ key: 'limits', line: 10 });
    expect(e.message).toContain('regex_max_length');
  });

  it('reports YAML syntax errors and empty files with a position', () => {
    expect(errorOf('name: [unclosed\n').message).toMatch(/^p\.yaml:\d+:\d+: not valid YAML/);
    expect(errorOf('').message).toContain('empty');
    expect(errorOf('- a\n- b\n').message).toContain('must be a mapping');
    expect(errorOf(VALID + 'name: again\n').message).toContain('not valid YAML');
  });

  it('rejects a type_id listed twice in two spellings, and more than 255 inputs', () => {
    expect(errorOf(VALID.replace('  3:\n', '  0x7:\n')).message).toMatch(/listed twice|unique/);
    const many = `[${Array(256).fill('STR').join(', ')}]`;
    expect(errorOf(VALID.replace('[STR, INT]', many)).message).toContain('at most 255');
  });
});

/** Replaces the line(s) starting with the same key as `change`, or appends it. */
function applyChange(text: string, change: string): string {
  const first = change.split('\n')[0]!;
  const key = first.slice(0, first.indexOf(':') + 1);
  const lines = text.split('\n');
  if (key.startsWith('  ') && /^ {2}\w+:$/.test(first) && !first.startsWith('  max') && !first.startsWith('  regex')) {
    // A template entry: replace the `7:` entry (two lines).
    const at = lines.indexOf('  7:');
    lines.splice(at, 2, ...change.split('\n'));
    return lines.join('\n');
  }
  const at = lines.findIndex((l) => l.startsWith(key));
  if (at < 0) return `${text}${change}\n`;
  lines[at] = change;
  return lines.join('\n');
}
