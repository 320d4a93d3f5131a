import type { Issue } from '../../src/findings/index.js';
import { loadModel, parseModelProfile, simulateModel, type ConsumerModel, type ModelProfile } from '../../src/model/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { OP_NAMES, simulateConsumer, type ConsumerFault, type ConsumerProfile, type SimulationResult } from './index.js';

/** The CCF consumer model preflight runs: schemas/ccf-v1.consumer.yaml against the bundled schema. */
export const CCF_MODEL: ConsumerModel = loadModel(defaultSchemaPath().replace(/\.yaml$/, '.consumer.yaml'), loadSchema(defaultSchemaPath()));

export interface Consumer {
  readonly name: 'oracle' | 'model';
  /** What the consumer does with `bytes`, as a result in the oracle's vocabulary (see `inOracleWords`). */
  readonly simulate: (bytes: Uint8Array, profile: ConsumerProfile) => SimulationResult;
}

/**
 * The same CCF behaviour tables run against both consumers: the hand-written oracle, and the model
 * path preflight uses (`simulateModel` with the CCF model, the profile read through the model's
 * `profile:` declaration). The model's results are renamed into the oracle's detail words, nothing else.
 */
export const CONSUMERS: readonly Consumer[] = [
  { name: 'oracle', simulate: (bytes, profile) => simulateConsumer(bytes, profile) },
  { name: 'model', simulate: (bytes, profile) => inOracleWords(simulateModel(bytes, CCF_MODEL, asModelProfile(profile))) },
];

const asModel = new WeakMap<ConsumerProfile, ModelProfile>();

/** A CCF profile written back as profile YAML and read through the CCF model (parseModelProfile). */
export function asModelProfile(p: ConsumerProfile): ModelProfile {
  const hit = asModel.get(p);
  if (hit) return hit;
  const lines = [`name: ${JSON.stringify(p.name)}`, `population: ${p.population}`, `templates:${p.templates.size === 0 ? ' {}' : ''}`];
  for (const [id, t] of p.templates) lines.push(`  ${id}: { inputs: [${t.inputs.join(', ')}] }`);
  lines.push(`ops: [${[...p.ops].join(', ')}]`);
  lines.push(`limits: { max_instances: ${p.limits.max_instances}, max_file_size: ${p.limits.max_file_size}, regex_max_length: ${p.limits.regex_max_length} }`);
  const m = parseModelProfile(lines.join('\n'), p.source, CCF_MODEL);
  asModel.set(p, m);
  return m;
}

/**
 * The model names details in the words of its input binding (`key`, `records`, a copy's `size`,
 * tag values); the oracle in CCF's (`type_id`, `instances`, `pool_size`, opcode names, the limit's
 * name). Renames only: a value the model does not produce is not made up (TYPE_CONFUSION says the
 * kind it `needs`, the oracle the opcode; READ_PAST_END gives the bytes of the read that failed, the
 * oracle those of the whole record: tables assert those details for the consumer that gives them).
 */
export function inOracleWords(r: SimulationResult): SimulationResult {
  const fault = r.fault && renamed(r.fault);
  return { ...r, fault, issues: r.issues.map((i) => renamed(i)) };
}

function renamed<T extends Issue | ConsumerFault>(x: T): T {
  if (!x.details) return x;
  const d: Record<string, unknown> = { ...x.details };
  const move = (from: string, to: string): void => {
    if (from in d) {
      d[to] = d[from];
      delete d[from];
    }
  };
  const order = (keys: readonly string[]): Record<string, unknown> => Object.fromEntries([...keys.filter((k) => k in d).map((k) => [k, d[k]]), ...Object.entries(d).filter(([k]) => !keys.includes(k))]);
  switch (x.code) {
    case 'OOB_INPUT_READ': case 'INPUT_COUNT_MISMATCH': case 'KIND_MISMATCH':
      move('key', 'type_id');
      break;
    case 'UNUSED_TEMPLATE':
      move('key', 'type_id');
      move('records', 'instances');
      break;
    case 'POOL_OOB':
      move('size', 'pool_size');
      delete d.at;
      break;
    case 'UNKNOWN_OP':
      if (Array.isArray(d.implemented)) d.implemented = d.implemented.map((n: number) => OP_NAMES[n] ?? n);
      break;
    case 'LIMIT_EXCEEDED':
      d.limit = x.path.length === 0 ? 'file size' : String(x.path[x.path.length - 1]);
      return { ...x, details: order(['limit', 'actual', 'max']) };
  }
  return { ...x, details: d };
}
