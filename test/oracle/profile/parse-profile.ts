import { isMap, isScalar, LineCounter, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { checkYamlDocument, yamlErrorText } from '../../../src/schema/load/yaml-safety.js';
import { ProfileError } from '../../../src/consumer/profile-error.js';
import { MAX_PROFILE_BYTES } from './profile-limits.js';
import { isOpName, type ConsumerLimits, type ConsumerProfile, type InputKind, type OpName, type TemplateInputs } from './types.js';
import { join, NodeReader, type Entry } from './yaml-nodes.js';

const TOP_KEYS = ['name', 'population', 'templates', 'ops', 'limits'] as const;
const LIMIT_KEYS = ['max_instances', 'max_file_size', 'regex_max_length'] as const;
const MAX_INPUTS = 255;
const MAX_TYPE_ID = 0xffff;
const U32_SPAN = 2 ** 32;

/**
 * Parses and strictly validates one consumer profile (spec section 2; docs/profiles.md).
 * Every problem is a thrown ProfileError naming `sourceName`, the line and the key.
 */
export function parseProfile(text: string, sourceName: string): ConsumerProfile {
  if (text.length > MAX_PROFILE_BYTES) {
    throw new ProfileError(sourceName, 0, 0, '', `the profile is ${text.length.toLocaleString('en-US')} characters, over the ${MAX_PROFILE_BYTES.toLocaleString('en-US')}-byte limit for profiles`);
  }
  const lines = new LineCounter();
  // uniqueKeys is quadratic in the yaml package (58 s for 60,000 template ids): checkYamlDocument is linear.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    const pos = firstError.linePos?.[0] ?? { line: 1, col: 1 };
    const problem = yamlErrorText(firstError.message).replace(/ at line \d+, column \d+:?$/, '');
    throw new ProfileError(sourceName, pos.line, pos.col, '', `invalid YAML: ${problem}`);
  }
  const r = new NodeReader(sourceName, lines);
  const unsafe = checkYamlDocument(doc);
  if (unsafe) r.fail(unsafe.node, (unsafe.path ?? []).reduce<string>(join, ''), `invalid YAML: ${unsafe.reason}`);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) r.fail(root, '', 'profile is empty');
  const top = r.mapping(root, '', TOP_KEYS);

  const name = r.string(r.required(top, root, '', 'name'), 'name');
  if (name.trim() === '') r.fail(top.get('name')?.value, 'name', 'must not be empty');
  const popEntry = top.get('population');
  const population = popEntry === undefined ? 0 : r.integer(popEntry, 'population', 0, Number.MAX_SAFE_INTEGER);
  const templates = parseTemplates(r, r.required(top, root, '', 'templates'));
  const ops = parseOps(r, r.required(top, root, '', 'ops'));
  const limits = parseLimits(r, r.required(top, root, '', 'limits'));
  return { name, population, templates, ops, limits, source: sourceName };
}

function parseTemplates(r: NodeReader, e: Entry): ReadonlyMap<number, TemplateInputs> {
  if (!isMap(e.value)) r.fail(e.value ?? e.keyNode, 'templates', 'must be a mapping from type_id to {inputs: [...]}');
  const out = new Map<number, TemplateInputs>();
  for (const pair of (e.value as YAMLMap).items as Pair[]) {
    const id = isScalar(pair.key) ? pair.key.value : undefined;
    const key = join('templates', String(id));
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_TYPE_ID) {
      r.fail(pair.key, key, `type_id must be an integer 0..${MAX_TYPE_ID}`);
    }
    if (out.has(id)) r.fail(pair.key, key, `type_id ${id} is listed twice`);
    const fields = r.mapping(pair.value, key, ['inputs']);
    const items = r.sequence(r.required(fields, pair.key, key, 'inputs'), join(key, 'inputs'));
    if (items.length > MAX_INPUTS) r.fail(fields.get('inputs')?.value, join(key, 'inputs'), `at most ${MAX_INPUTS} inputs, got ${items.length}`);
    const inputs: InputKind[] = [];
    items.forEach((item, i) => {
      const v = isScalar(item) ? item.value : undefined;
      if (v !== 'INT' && v !== 'STR') r.fail(item, join(join(key, 'inputs'), i), 'must be INT or STR');
      inputs.push(v);
    });
    out.set(id, { inputs: Object.freeze(inputs) });
  }
  return out;
}

function parseOps(r: NodeReader, e: Entry): ReadonlySet<OpName> {
  const items = r.sequence(e, 'ops');
  if (items.length === 0) r.fail(e.value, 'ops', 'must list at least one opcode');
  const out = new Set<OpName>();
  items.forEach((item, i) => {
    const v = isScalar(item) ? item.value : undefined;
    if (!isOpName(v)) r.fail(item, `ops[${i}]`, `unknown opcode ${JSON.stringify(v)} (known: ANY, EQ_INT, RANGE_INT, EQ_STR, PREFIX_STR, REGEX)`);
    if (out.has(v)) r.fail(item, `ops[${i}]`, `${v} is listed twice`);
    out.add(v);
  });
  return out;
}

function parseLimits(r: NodeReader, e: Entry): ConsumerLimits {
  const fields = r.mapping(e.value, 'limits', LIMIT_KEYS);
  const int = (k: (typeof LIMIT_KEYS)[number], max: number): number =>
    r.integer(r.required(fields, e.keyNode, 'limits', k), `limits.${k}`, 1, max);
  return {
    max_instances: int('max_instances', Number.MAX_SAFE_INTEGER),
    max_file_size: int('max_file_size', U32_SPAN),
    regex_max_length: int('regex_max_length', Number.MAX_SAFE_INTEGER),
  };
}

