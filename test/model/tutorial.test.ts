/**
 * The tutorial format of docs/consumer-models.md (rule book v1: big-endian, inline strings, the
 * input number stored in each test) is real: its schema, model and profiles load from
 * docs/consumer-models/rulebook/, every corpus/rulebook file is rebuilt from its source and gives,
 * per sensor version, the outcome corpus/expectations.yaml states and the fault and hazards listed
 * here, and every YAML block of the tutorial is a verbatim excerpt of those files. If the model
 * language or the tutorial's files change, this fails before the tutorial is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pack } from '../../src/encode/index.js';
import { loadModel, loadModelProfile, modelBeside, parseModel, parseModelProfile, simulateModel } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { loadExpectations } from '../helpers/corpus.js';
import { scanMarkdown } from '../docs/scan-markdown.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = 'docs/consumer-models/rulebook';
const SCHEMA_FILE = `${DIR}/rulebook-v1.yaml`;
const schema = loadSchema(join(ROOT, SCHEMA_FILE));
const model = loadModel(join(ROOT, modelBeside(SCHEMA_FILE)!), schema);
const profiles = ['sensor-4.2', 'sensor-5.0'].map((n) => loadModelProfile(join(ROOT, DIR, 'profiles', `${n}.yaml`), model));
const expectations = loadExpectations(ROOT);

type Result = readonly [fault: string, hazards: readonly string[]];
/** Per file, per profile (4.2, 5.0): the first fault (`CODE path @ offset`, '' for a load) and the other issues' codes. */
const RESULTS: Record<string, readonly [Result, Result]> = {
  'bad-magic': [['BAD_MAGIC header.magic @ 0', []], ['BAD_MAGIC header.magic @ 0', []]],
  'bad-regex': [['REGEX_INVALID rules.0.tests.0.pattern @ 51', []], ['REGEX_INVALID rules.0.tests.0.pattern @ 51', []]],
  'cidr-rule': [['UNKNOWN_OP rules.0.tests.0 @ 63', []], ['', []]],
  clean: [['', []], ['', []]],
  'cut-short': [['READ_PAST_END rules.1 @ 91', []], ['READ_PAST_END rules.1 @ 91', []]],
  'kind-mismatch': [['', ['KIND_MISMATCH sets.0.field_kinds.1']], ['', ['KIND_MISMATCH sets.0.field_kinds.1']]],
  'long-pattern': [['MATCHER_OVERFLOW rules.0.tests.0.pattern @ 52', []], ['', []]],
  'message-oob': [['POOL_OOB rules.0.message @ 51', []], ['POOL_OOB rules.0.message @ 51', []]],
  'too-many-rules': [['LIMIT_EXCEEDED header.rule_count @ 11', []], ['READ_PAST_END rules.1 @ 67', []]],
  'truncated-header': [['TRUNCATED header @ 0', []], ['TRUNCATED header @ 0', []]],
  'type-confusion': [['TYPE_CONFUSION rules.0.tests.0 @ 47', []], ['TYPE_CONFUSION rules.0.tests.0 @ 47', []]],
  'unknown-op': [['UNKNOWN_OP rules.0.tests.0 @ 85', []], ['UNKNOWN_OP rules.0.tests.0 @ 85', []]],
  'unknown-set': [['SET_NOT_DECLARED rules.0.set @ 40', []], ['SET_NOT_DECLARED rules.0.set @ 40', []]],
  'unsupplied-set': [['', ['SET_NOT_EVALUATED sets.1']], ['', ['SET_NOT_EVALUATED sets.1']]],
  'user-agent-declared': [['', ['INPUT_COUNT_MISMATCH sets.1.field_count']], ['', []]],
  'user-agent-rule': [['OOB_INPUT_READ rules.1.tests.0 @ 117', []], ['', []]],
};

const corpusDir = join(ROOT, 'corpus', 'rulebook');
const sources = readdirSync(corpusDir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

describe('the tutorial format (docs/consumer-models.md)', () => {
  it('loads: the model beside its schema, its own codes, its fleet folder, two sensor versions', () => {
    expect(model.consumer).toBe('sensor');
    expect(model.fleetDir).toBe(resolve(ROOT, DIR, 'profiles'));
    expect([...model.codes.keys()]).toEqual(['MATCHER_OVERFLOW', 'SET_NOT_DECLARED', 'SET_NOT_EVALUATED']);
    expect(model.codes.get('SET_NOT_EVALUATED')?.kind).toBe('hazard');
    expect(readdirSync(model.fleetDir!).sort()).toEqual(['sensor-4.2.yaml', 'sensor-5.0.yaml']);
    expect(profiles.map((p) => [p.name, p.tags.get('ops')!.length, p.inputs.get(2)!.length])).toEqual([['sensor-4.2', 5, 2], ['sensor-5.0', 6, 3]]);
    expect(expectations.schemas.rulebook).toBe(SCHEMA_FILE);
  });

  it('has a result here and an expectation for every corpus source, and no more', () => {
    expect(sources).toEqual(Object.keys(RESULTS).sort());
    const listed = Object.keys(expectations.files).filter((k) => k.startsWith('rulebook/')).sort();
    expect(listed).toEqual(sources.map((s) => `rulebook/${s}.bin`));
  });

  it.each(sources)('%s: rebuilt byte for byte; each sensor version has the expected outcome, fault and hazards', (name) => {
    const bytes = pack(schema, readFileSync(join(corpusDir, `${name}.yaml`), 'utf8'), `corpus/rulebook/${name}.yaml`);
    expect(Buffer.from(bytes).equals(readFileSync(join(corpusDir, `${name}.bin`)))).toBe(true);
    const want = expectations.files[`rulebook/${name}.bin`]!;
    profiles.forEach((p, i) => {
      const r = simulateModel(bytes, model, p);
      const fault = r.fault ? `${r.fault.code} ${r.fault.path.join('.')} @ ${r.fault.offset}` : '';
      const others = r.issues.filter((x) => !r.fault || x.code !== r.fault.code || x.path.join('.') !== r.fault.path.join('.'))
        .map((x) => `${x.code} ${x.path.join('.')}`);
      expect({ outcome: r.outcome, fault, others }).toEqual({ outcome: want.consumers![p.name], fault: RESULTS[name]![i]![0], others: RESULTS[name]![i]![1] });
      // Every code a sensor reports is one the expectations list for validate.
      for (const x of r.issues) expect(want.codes).toContain(x.code);
    });
  });

  it('every YAML block of the tutorial is a verbatim excerpt of the tutorial\'s files', () => {
    const files = [
      SCHEMA_FILE, `${DIR}/rulebook-v1.consumer.yaml`, `${DIR}/profiles/sensor-4.2.yaml`, `${DIR}/profiles/sensor-5.0.yaml`,
      ...sources.map((s) => `corpus/rulebook/${s}.yaml`),
    ].map((f) => readFileSync(join(ROOT, f), 'utf8'));
    const doc = scanMarkdown(readFileSync(join(ROOT, 'docs/consumer-models.md'), 'utf8'));
    const blocks = doc.fences.filter((f) => f.info === 'yaml');
    expect(blocks.length).toBeGreaterThan(8);
    for (const b of blocks) {
      const text = b.lines.map((l) => l.text).join('\n');
      expect(files.some((f) => f.includes(text)), `docs/consumer-models.md:${b.line}: not found verbatim in the tutorial's files:\n${text}`).toBe(true);
    }
  });

  // Section 10 of the page quotes the loader's errors for these one-line changes, word for word.
  const MODEL_EDITS: Array<[from: string, to: string]> = [
    ['when: header.version != 1', 'when: header.versoin != 1'],
    ['when: header.version != 1', 'when: header.version'],
    ['max: limits.pattern_buffer', 'max: limits.pattern_bufer'],
    ['tags: ops }', 'tags: opcodes }'],
    ['index: input ', 'index: inptu '],
    ['after: test_count', 'after: tests_count'],
    ['code: MATCHER_OVERFLOW }', 'code: MATCH_OVERFLOW }'],
    ['kind: consumer\n    title: pattern', 'kind: crash\n    title: pattern'],
    ['key_max: 255', 'key_max: 9007199254740992'],
  ];
  const PROFILE_EDITS: Array<[from: string, to: string]> = [
    ['ops: [ANY, EQ,', 'ops: [ANY, EQUALS,'],
    ['pattern_buffer: 64', 'pattern_bufer: 64'],
    ['  3: { fields: [TEXT, NUM] }', '  3: { fields: [TEXT, NUMBER] }'],
  ];

  it('quotes the loader\'s errors for a broken model and a broken profile word for word', () => {
    const page = readFileSync(join(ROOT, 'docs/consumer-models.md'), 'utf8');
    const modelText = readFileSync(join(ROOT, DIR, 'rulebook-v1.consumer.yaml'), 'utf8');
    const profileText = readFileSync(join(ROOT, DIR, 'profiles/sensor-4.2.yaml'), 'utf8');
    const message = (load: () => unknown): string => {
      try {
        load();
      } catch (e) {
        return (e as Error).message;
      }
      return 'loaded';
    };
    const once = (text: string, from: string, to: string): string => {
      expect(text.split(from).length, from).toBe(2);
      return text.replace(from, to);
    };
    for (const [from, to] of MODEL_EDITS) {
      const m = message(() => parseModel(once(modelText, from, to), 'rulebook-v1.consumer.yaml', schema));
      expect(page, m).toContain(`\n${m}\n`);
    }
    for (const [from, to] of PROFILE_EDITS) {
      const m = message(() => parseModelProfile(once(profileText, from, to), 'sensor-4.2.yaml', model));
      expect(page, m).toContain(`\n${m}\n`);
    }
  });
});
