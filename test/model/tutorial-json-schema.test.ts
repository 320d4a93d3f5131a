/**
 * schemas/preflight-schema.json is what editors complete and check preflight's YAML files with:
 * its root describes a format schema (the schema loader checks schemas against it, so the root
 * must stay exactly that), `#/definitions/consumerModel` a consumer model and
 * `#/definitions/consumerProfile` a consumer profile (`# yaml-language-server:
 * $schema=…/preflight-schema.json#/definitions/consumerModel`; the language server resolves the
 * fragment). Every bundled and tutorial file of each kind validates against its definition and
 * names it in its modeline, and, key by key, the model definition allows exactly the keys the model
 * loader allows and requires what the loader requires: the loader is asked (an unknown key is
 * refused with the list of allowed ones), so the two cannot drift apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ModelError, parseModel } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const JSON_SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas/preflight-schema.json'), 'utf8')) as Record<string, unknown>;
// The options the schema loader compiles it with (src/schema/load/validate-shape.ts).
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
ajv.addSchema(JSON_SCHEMA);
const ID = JSON_SCHEMA.$id as string;
const validator = (fragment: string) => ajv.getSchema(`${ID}${fragment}`)!;
const FRAGMENT = { schema: '', model: '#/definitions/consumerModel', profile: '#/definitions/consumerProfile' } as const;
type Kind = keyof typeof FRAGMENT;
const validate = validator(FRAGMENT.model);

const yamlIn = (dir: string): string[] => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`);
const MODELS = [...yamlIn('schemas').filter((f) => f.endsWith('.consumer.yaml')), 'docs/consumer-models/rulebook/rulebook-v1.consumer.yaml'];
const SCHEMAS = [...yamlIn('schemas').filter((f) => !f.endsWith('.consumer.yaml')), 'docs/consumer-models/rulebook/rulebook-v1.yaml'];
const PROFILES = ['profiles/default', 'profiles/sigpack-v1', 'docs/consumer-models/rulebook/profiles'].flatMap(yamlIn);

function problems(file: string, kind: Kind): string[] {
  const v = validator(FRAGMENT[kind]);
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out = v(parse(text)) ? [] : (v.errors ?? []).map((e) => `${file}: ${e.instancePath} ${e.message ?? ''}`);
  // An editor finds the definition through the modeline, when the file has one.
  const modeline = /^# yaml-language-server: \$schema=(\S+)/m.exec(text)?.[1];
  if (modeline !== undefined && !modeline.endsWith(`preflight-schema.json${FRAGMENT[kind]}`)) out.push(`${file}: the modeline names ${modeline}, not preflight-schema.json${FRAGMENT[kind]}`);
  return out;
}

describe('schemas/preflight-schema.json', () => {
  it('has models, schemas and profiles to check', () => {
    expect(MODELS).toContain('schemas/ccf-v1.consumer.yaml');
    expect(SCHEMAS).toContain('schemas/ccf-v1.yaml');
    expect(PROFILES).toContain('profiles/default/agent-7.11.yaml');
  });

  const files: Array<[string, Kind]> = [...MODELS.map((f) => [f, 'model'] as [string, Kind]), ...SCHEMAS.map((f) => [f, 'schema'] as [string, Kind]), ...PROFILES.map((f) => [f, 'profile'] as [string, Kind])];
  it.each(files)('%s validates against its definition (a %s)', (file, kind) => {
    expect(problems(file, kind)).toEqual([]);
  });

  it('leaves the schema loader as it was: a model or a profile given as a schema is an unknown key, not a crash', () => {
    for (const [file, key] of [[MODELS[0]!, 'consumer'], [PROFILES[0]!, 'name']] as const) {
      expect(() => loadSchema(join(ROOT, file))).toThrow(new RegExp(`unknown key "${key}"`));
    }
  });

  it('refuses what the loaders refuse: an unknown model key, a missing one, an unknown engine, a limit of 2^53', () => {
    const model = parse(readFileSync(join(ROOT, MODELS[0]!), 'utf8')) as Record<string, unknown>;
    expect(validate({ ...model, loads: [] })).toBe(false);
    const { refuse: _refuse, ...noRefuse } = model;
    expect(validate(noRefuse)).toBe(false);
    expect(validate({ ...model, engines: [{ field: 'a.b', engine: 'pcre', code: 'REGEX_INVALID' }] })).toBe(false);
    expect(validate({ ...model, profile: { limits: { x: { min: 0, max: 2 ** 53 } } } })).toBe(false);
    const profile = validator(FRAGMENT.profile);
    expect(profile({ name: 'agent', population: -1 })).toBe(false);
    expect(profile({ name: 'agent', limits: { max: 'many' } })).toBe(false);
    expect(profile({ population: 1 })).toBe(false);
  });
});

/**
 * Where the model has mappings with fixed keys: the path in the tutorial model, and the JSON
 * Schema definition that describes it. The tutorial model uses every construct, so every such
 * mapping exists in it.
 */
const MODEL_FILE = 'docs/consumer-models/rulebook/rulebook-v1.consumer.yaml';
const modelSchema = loadSchema(join(ROOT, 'docs/consumer-models/rulebook/rulebook-v1.yaml'));
const MODEL_TEXT = readFileSync(join(ROOT, MODEL_FILE), 'utf8');
const defs = JSON_SCHEMA.definitions as Record<string, JsonObj>;
interface JsonObj { properties?: Record<string, JsonObj>; items?: JsonObj; additionalProperties?: JsonObj | boolean; oneOf?: JsonObj[]; required?: string[]; $ref?: string }
const resolve = (s: JsonObj): JsonObj => (s.$ref ? resolve(defs[s.$ref.replace('#/definitions/', '')]!) : s);
const M = defs.consumerModel!;
const P = (o: JsonObj, k: string): JsonObj => resolve(o.properties![k]!);
const dispatchKeys: JsonObj = { properties: Object.assign({}, ...P(M, 'dispatch').items!.oneOf!.map((b) => b.properties)), required: [] };

const PLACES: Array<[path: Array<string | number>, schema: JsonObj]> = [
  [[], M],
  [['codes', 'MATCHER_OVERFLOW'], P(M, 'codes').additionalProperties as JsonObj],
  [['profile'], P(M, 'profile')],
  [['profile', 'inputs'], P(P(M, 'profile'), 'inputs')],
  [['profile', 'limits', 'max_rules'], P(P(M, 'profile'), 'limits').additionalProperties as JsonObj],
  [['refuse'], P(M, 'refuse')],
  [['refuse', 'rules', 0], P(P(M, 'refuse'), 'rules').items!],
  [['dispatch', 0], dispatchKeys],
  [['buffers', 0], P(M, 'buffers').items!],
  [['engines', 0], P(M, 'engines').items!],
  [['inputs'], P(M, 'inputs')],
  [['inputs', 'kind'], P(P(M, 'inputs'), 'kind')],
  [['inputs', 'declares'], P(P(M, 'inputs'), 'declares')],
  [['inputs', 'codes'], P(P(M, 'inputs'), 'codes')],
];

/** The loader's error for the tutorial model with one change at `path`. */
function loaderSays(path: Array<string | number>, change: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(MODEL_TEXT);
  expect(doc.hasIn(path) || path.length === 0, path.join('.')).toBe(true);
  change(doc);
  try {
    parseModel(String(doc), 'm.yaml', modelSchema);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return (e as ModelError).problem;
  }
  return 'loaded';
}

describe('the JSON Schema allows exactly the keys the model loader allows', () => {
  it.each(PLACES.map(([path, s]) => [path.join('.') || '(top level)', path, s] as const))('%s', (_name, path, s) => {
    const allowed = /unknown key \(allowed: ([^)]*)\)/.exec(loaderSays(path, (d) => d.setIn([...path, 'zz_not_a_key'], 1)))?.[1]?.split(', ');
    expect(allowed, 'the loader refuses an unknown key, listing the allowed ones').toBeDefined();
    expect(Object.keys(s.properties!).sort()).toEqual([...allowed!].sort());
    // Each key the JSON Schema requires, the loader requires (where the tutorial model has it).
    for (const k of s.required ?? []) {
      if (!parseDocument(MODEL_TEXT).hasIn([...path, k])) continue;
      expect(loaderSays(path, (d) => d.deleteIn([...path, k])), `${[...path, k].join('.')}`).toMatch(new RegExp(`missing key "${k}"`));
    }
  });
});

describe('the reference table of docs/consumer-models.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/consumer-models.md'), 'utf8');
  const rows = new Map(doc.slice(doc.indexOf('## Reference: every key of a model')).split('\n')
    .filter((l) => l.startsWith('| `')).map((l) => [/^\| `([a-z_]+)`/.exec(l)![1]!, l] as const));

  it('has a row for every key of a model, and only those', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(M.properties!).sort());
  });

  it.each(['profile', 'refuse', 'inputs', 'codes'])('names every key under %s', (key) => {
    const under = key === 'codes' ? (P(M, 'codes').additionalProperties as JsonObj) : P(M, key);
    const nested = Object.values(under.properties!).flatMap((s) => Object.keys(resolve(s).properties ?? (resolve(s).items && resolve(resolve(s).items!).properties) ?? {}));
    for (const k of [...Object.keys(under.properties!), ...nested]) expect(rows.get(key), `${key}.${k}`).toMatch(new RegExp(`[\`{ ]${k}[\`:,}]`));
  });
});
