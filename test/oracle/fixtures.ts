import type { ConsumerProfile, InputKind, OpName } from './index.js';
import { buildCcf, type Crit, type InstanceSpec, type TypeSpec } from '../helpers/ccf-bytes.js';

/** Declared field kinds of the IPC-like type 1 (21 fields). */
export const TYPE1_KINDS: readonly InputKind[] = [
  'STR', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'INT', 'STR',
  'STR', 'INT', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'STR', 'STR',
];
export const TYPE2_KINDS: readonly InputKind[] = ['STR', 'INT', 'STR', 'STR'];
export const ALL_OPS: readonly OpName[] = ['ANY', 'EQ_INT', 'RANGE_INT', 'EQ_STR', 'PREFIX_STR', 'REGEX'];

export interface ProfileOptions {
  name?: string;
  /** By type_id; pass pairs to control the listing order (object keys sort numerically). */
  templates?: Record<number, readonly InputKind[]> | ReadonlyArray<readonly [number, readonly InputKind[]]>;
  ops?: readonly OpName[];
  limits?: Partial<ConsumerProfile['limits']>;
}

export function makeProfile(o: ProfileOptions = {}): ConsumerProfile {
  const templates = new Map<number, { inputs: readonly InputKind[] }>();
  const given = o.templates ?? { 1: TYPE1_KINDS, 2: TYPE2_KINDS };
  for (const [id, inputs] of Array.isArray(given) ? given : Object.entries(given)) {
    templates.set(Number(id), { inputs });
  }
  return {
    name: o.name ?? 'test',
    population: 0,
    templates,
    ops: new Set(o.ops ?? ALL_OPS),
    limits: { max_instances: 4096, max_file_size: 1048576, regex_max_length: 256, ...o.limits },
    source: '(test)',
  };
}

/** The July 2024 pair: 7.11 supplies 20 inputs for type 1, 7.16 all 21. */
export const P711 = makeProfile({ name: 'agent-7.11', templates: { 1: TYPE1_KINDS.slice(0, 20), 2: TYPE2_KINDS } });
export const P716 = makeProfile({ name: 'agent-7.16', templates: { 1: TYPE1_KINDS, 2: TYPE2_KINDS } });

export const TYPE1: TypeSpec = { id: 1, kinds: TYPE1_KINDS };
export const TYPE2: TypeSpec = { id: 2, kinds: TYPE2_KINDS };

/** `n` criteria, all ANY, with `real` placed at the given positions. */
export function criteria(n: number, real: Record<number, Crit> = {}): Crit[] {
  return Array.from({ length: n }, (_, i) => real[i] ?? { op: 'ANY' });
}

/** An instance of type 2 that every test profile loads: a real, well-kinded criterion per field. */
export const GOOD_TYPE2: InstanceSpec = {
  type: 2,
  criteria: [{ op: 'EQ_STR', str: 'svc' }, { op: 'RANGE_INT', lo: 1, hi: 9 }, { op: 'PREFIX_STR', str: 'C:\\' }, { op: 'REGEX', str: '^a+b$' }],
};

/** A spring-2024-like instance of type 1: real criteria on early fields, ANY on field 21. */
export function springInstance(id = 1): InstanceSpec {
  return { id, type: 1, criteria: criteria(21, { 0: { op: 'REGEX', str: '\\\\pipe\\\\[a-z]+' }, 4: { op: 'EQ_INT', value: 7 } }) };
}

/** The 19 July 2024 instance: a real (non-wildcard) criterion on field 21 (index 20). */
export function julyInstance(id = 2): InstanceSpec {
  return { id, type: 1, criteria: criteria(21, { 0: { op: 'PREFIX_STR', str: '\\\\.\\pipe\\' }, 20: { op: 'REGEX', str: '.*' } }) };
}

/** A valid file of ~1-2 KiB: both types, several instances of each, all loading on 7.16. */
export function sampleFile(instances = 12): Uint8Array {
  const list: InstanceSpec[] = [];
  for (let n = 0; n < instances; n++) list.push(n % 3 === 2 ? { ...GOOD_TYPE2, id: 100 + n } : springInstance(100 + n));
  return buildCcf({ types: [TYPE1, TYPE2], instances: list }).bytes;
}
