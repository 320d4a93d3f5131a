import { readFileSync, statSync } from 'node:fs';
import { ProfileError } from '../../consumer/index.js';
import type { ConsumerModel, ModelProfile } from '../types.js';
import { YamlReader, type At } from './yaml-reader.js';

/** As for src/consumer: a profile lists at most 65,536 keys; 4 MiB is far above that. */
export const MAX_MODEL_PROFILE_BYTES = 4 * 1024 * 1024;

export function loadModelProfile(file: string, model: ConsumerModel): ModelProfile {
  let text: string;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new ProfileError(file, 0, 0, '', 'the profile is not a regular file');
    if (info.size > MAX_MODEL_PROFILE_BYTES) throw new ProfileError(file, 0, 0, '', `the profile is ${info.size} bytes, over the ${MAX_MODEL_PROFILE_BYTES}-byte limit`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw new ProfileError(file, 0, 0, '', `cannot read profile: ${(e as Error).message}`);
  }
  return parseModelProfile(text, file, model);
}

/**
 * Reads a profile as the model's `profile:` declaration says: `name`, optional `population`, the
 * supplied inputs per key, each tag set (names of an enum of the schema) and each limit. An
 * unknown key, a missing key or a value of the wrong type is a ProfileError with file:line:col key.
 */
export function parseModelProfile(text: string, source: string, model: ConsumerModel): ModelProfile {
  const { reader: r, root } = YamlReader.parse(text, MAX_MODEL_PROFILE_BYTES, 'profile', (l, c, k, p) => new ProfileError(source, l, c, k, p));
  const decl = model.profile;
  const keys = ['name', 'population', ...(decl.inputs ? [decl.inputs.under] : []), ...decl.tags.keys(), ...(decl.limits.size ? ['limits'] : [])];
  if (root.node === null || root.node === undefined) r.fail(root, 'profile is empty');
  const top = r.map(root, keys, keys.filter((k) => k !== 'population'));
  const name = r.string(top.get('name')!);
  if (name.trim() === '') r.fail(top.get('name')!, 'must not be empty');
  const population = top.has('population') ? r.integer(top.get('population')!, 0, Number.MAX_SAFE_INTEGER) : 0;
  const inputs = new Map<number, readonly number[]>();
  if (decl.inputs) {
    const kinds = model.schema.enums.get(decl.inputs.kinds)!;
    for (const { keyValue, key, value } of r.pairs(top.get(decl.inputs.under)!)) {
      if (typeof keyValue !== 'number' || !Number.isInteger(keyValue) || keyValue < 0 || keyValue > decl.inputs.keyMax) r.fail(key, `must be an integer 0..${decl.inputs.keyMax}`);
      const id = keyValue as number;
      if (inputs.has(id)) r.fail(key, `${id} is listed twice`);
      const item = r.map(value, [decl.inputs.item], [decl.inputs.item]).get(decl.inputs.item)!;
      const items = r.list(item);
      if (items.length > decl.inputs.maxInputs) r.fail(item, `at most ${decl.inputs.maxInputs} inputs, got ${items.length}`);
      inputs.set(id, items.map((k) => enumValue(r, k, kinds.byName)));
    }
  }
  const tags = new Map<string, readonly number[]>();
  for (const [key, enumName] of decl.tags) {
    const byName = model.schema.enums.get(enumName)!.byName;
    const list = r.list(top.get(key)!);
    if (list.length === 0) r.fail(top.get(key)!, `must list at least one of ${[...byName.keys()].join(', ')}`);
    const values: number[] = [];
    for (const item of list) {
      const v = enumValue(r, item, byName);
      if (values.includes(v)) r.fail(item, `${String((item.node as { value?: unknown }).value)} is listed twice`);
      values.push(v);
    }
    tags.set(key, values);
  }
  const limits = new Map<string, number>();
  if (decl.limits.size) {
    const lm = r.map(top.get('limits')!, [...decl.limits.keys()], [...decl.limits.keys()]);
    for (const [k, b] of decl.limits) limits.set(k, r.integer(lm.get(k)!, b.min, b.max));
  }
  return { name, population, source, inputs, tags, limits };
}

function enumValue(r: YamlReader, at: At, byName: ReadonlyMap<string, number>): number {
  const v = (at.node as { value?: unknown } | null)?.value;
  const n = typeof v === 'string' ? byName.get(v) : undefined;
  if (n === undefined) r.fail(at, `must be one of ${[...byName.keys()].join(', ')}, got ${JSON.stringify(v ?? null)}`);
  return n;
}
