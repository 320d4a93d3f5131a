import type { FindingCode } from '../../findings/index.js';
import type { InputsDecl, LookupDispatch, ProfileDecl, SwitchDispatch } from '../types.js';
import type { SchemaNames } from './schema-names.js';
import type { ExprChecker } from './model-exprs.js';
import type { At, YamlReader } from './yaml-reader.js';

/** `{ switch: TYPE.FIELD, tags: PROFILE_KEY, code? }`: tags the profile does not list are a crash. */
export function readSwitch(r: YamlReader, at: At, m: Map<string, At>, s: SchemaNames, profile: ProfileDecl): SwitchDispatch {
  for (const k of ['after', 'at']) if (m.has(k)) r.fail(m.get(k)!, `${k} belongs to a lookup, not a switch`);
  if (!m.has('tags')) r.fail(at, 'missing key "tags"');
  const { struct, name } = s.member(m.get('switch')!);
  const f = s.field(m.get('switch')!, struct, name);
  if (f.type.kind !== 'switch') r.fail(m.get('switch')!, `${struct.name}.${name} is not a switch`);
  const tags = r.string(m.get('tags')!);
  if (!profile.tags.has(tags)) r.fail(m.get('tags')!, `${tags} is not a tag set of the model's profile (profile.tags)`);
  return { struct: struct.name, field: name, tags, code: m.has('code') ? s.code(m.get('code')!) : f.type.unknownCode };
}

/** `{ lookup: TYPE.LET, after: FIELD, at?: FIELD, code }`: a let that is null once `after` is read is a crash. */
export function readLookup(r: YamlReader, at: At, m: Map<string, At>, s: SchemaNames): LookupDispatch {
  if (m.has('tags')) r.fail(m.get('tags')!, 'tags belong to a switch, not a lookup');
  for (const k of ['lookup', 'after', 'code']) if (!m.has(k)) r.fail(at, `missing key "${k}"`);
  const { struct, name } = s.member(m.get('lookup')!);
  if (!struct.lets || !Object.prototype.hasOwnProperty.call(struct.lets, name)) r.fail(m.get('lookup')!, `${struct.name} has no let ${name}`);
  const after = s.field(m.get('after')!, struct, r.string(m.get('after')!)).id;
  const atField = m.has('at') ? s.field(m.get('at')!, struct, r.string(m.get('at')!)).id : after;
  return { struct: struct.name, let: name, after, at: atField, code: s.code(m.get('code')!) };
}

/** `{ field: TYPE.FIELD, code, ... }` on a sized bytes or str field. */
export function readViewRule(r: YamlReader, at: At, s: SchemaNames, allowed: readonly string[], required: readonly string[]): { struct: string; field: string; code: FindingCode; m: Map<string, At> } {
  const m = r.map(at, allowed, ['field', 'code', ...required]);
  const { struct, name } = s.member(m.get('field')!);
  const f = s.field(m.get('field')!, struct, name);
  if ((f.type.kind !== 'str' && f.type.kind !== 'bytes') || !f.size || f.repeat) r.fail(m.get('field')!, `${struct.name}.${name} is not a sized str or bytes field`);
  return { struct: struct.name, field: name, code: s.code(m.get('code')!), m };
}

const INPUT_KEYS = ['record', 'key', 'reads', 'index', 'when', 'kind', 'declares', 'codes', 'latent'];
const CODE_KEYS = ['out_of_bounds', 'kind', 'count_hazard', 'kind_hazard', 'unused'];

export function readInputs(r: YamlReader, at: At, s: SchemaNames, exprs: ExprChecker, profile: ProfileDecl): InputsDecl {
  const m = r.map(at, INPUT_KEYS, ['record', 'key', 'reads', 'index', 'when', 'kind']);
  if (!profile.inputs) r.fail(at, 'the model reads inputs, but its profile declares none (profile.inputs)');
  const record = s.struct(m.get('record')!, r.string(m.get('record')!));
  const reads = s.field(m.get('reads')!, record, r.string(m.get('reads')!));
  if (!reads.repeat || reads.type.kind !== 'struct' || reads.at) r.fail(m.get('reads')!, `${record.name}.${reads.id} is not an array of records at the cursor`);
  const element = reads.type.struct;
  const km = r.map(m.get('kind')!, ['expr', 'enum'], ['expr', 'enum']);
  const kindEnum = s.enumName(km.get('enum')!);
  if (kindEnum !== profile.inputs.kinds) r.fail(km.get('enum')!, `the profile supplies kinds of ${profile.inputs.kinds}, not ${kindEnum}`);
  const codes = m.has('codes') ? r.map(m.get('codes')!, CODE_KEYS) : new Map<string, At>();
  const code = (k: string, d: FindingCode): FindingCode => (codes.has(k) ? s.code(codes.get(k)!) : d);
  return {
    record: record.name, key: exprs.expr(m.get('key')!, [record.name], 'int'), reads: reads.id, element,
    index: exprs.expr(m.get('index')!, [element], 'int'),
    when: exprs.expr(m.get('when')!, [element], 'bool'),
    kind: exprs.expr(km.get('expr')!, [element], 'int'),
    kindEnum,
    declares: m.has('declares') ? readDeclares(r, m.get('declares')!, s) : undefined,
    latent: m.has('latent') ? s.code(m.get('latent')!) : undefined,
    codes: {
      outOfBounds: code('out_of_bounds', 'OOB_INPUT_READ'), kind: code('kind', 'TYPE_CONFUSION'),
      countHazard: code('count_hazard', 'INPUT_COUNT_MISMATCH'), kindHazard: code('kind_hazard', 'KIND_MISMATCH'), unused: code('unused', 'UNUSED_TEMPLATE'),
    },
  };
}

/** The content's own declaration of what each key expects: a root table of (key, count, kinds). */
function readDeclares(r: YamlReader, at: At, s: SchemaNames): NonNullable<InputsDecl['declares']> {
  const m = r.map(at, ['table', 'key', 'count', 'kinds'], ['table', 'key', 'count', 'kinds']);
  const table = s.rootField(m.get('table')!);
  if (!table.repeat || table.type.kind !== 'struct') r.fail(m.get('table')!, `${table.id} is not an array of records`);
  const entry = s.struct(m.get('table')!, table.type.struct);
  const intField = (k: string, array: boolean): string => {
    const f = s.field(m.get(k)!, entry, r.string(m.get(k)!));
    if (f.type.kind !== 'int' || Boolean(f.repeat) !== array) r.fail(m.get(k)!, `${entry.name}.${f.id} must be ${array ? 'an array of integers' : 'an integer'}`);
    return f.id;
  };
  return { table: table.id, key: intField('key', false), count: intField('count', false), kinds: intField('kinds', true) };
}
