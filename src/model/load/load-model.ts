import { unsupportedConstruct } from './schema-support.js';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CompiledExpr, FieldDef, FormatSchema } from '../../schema/index.js';
import type { ConsumerModel, ProfileDecl, RefuseDecl } from '../types.js';
import { readCodes, readFleetDir } from './read-codes.js';
import { readInputs, readLookup, readSwitch, readViewRule } from './read-rules.js';
import { ExprChecker, rootFieldsRead, usesLimits } from './model-exprs.js';
import { ModelError } from './model-error.js';
import { fixedSize, SchemaNames } from './schema-names.js';

export { fixedSize } from './schema-names.js';
import { YamlReader, type At } from './yaml-reader.js';

/** Models are written by hand (the CCF one is 3 KB); anything bigger is refused before parsing. */
export const MAX_MODEL_BYTES = 256 * 1024;
/** Limits are compared exactly as doubles: at most 2^53 - 1. */
const MAX_LIMIT = Number.MAX_SAFE_INTEGER;
const TOP = ['consumer', 'schema', 'doc', 'profile', 'refuse', 'load', 'copies', 'past_end_code', 'dispatch', 'buffers', 'engines', 'inputs', 'fleet', 'codes'];

export function loadModel(file: string, schema: FormatSchema): ConsumerModel {
  let text: string;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new ModelError(file, 0, 0, '', 'the model is not a regular file');
    if (info.size > MAX_MODEL_BYTES) throw new ModelError(file, 0, 0, '', `the model is ${info.size} bytes, over the ${MAX_MODEL_BYTES}-byte limit`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ModelError(file, 0, 0, '', `cannot read the model: ${(e as Error).message}`);
  }
  return parseModel(text, file, schema, { checkFleet: true });
}

/** Reads a model and resolves it against `schema`; every problem is a ModelError (file:line:col key). */
export function parseModel(text: string, source: string, schema: FormatSchema, options: { checkFleet?: boolean } = {}): ConsumerModel {
  const { reader: r, root } = YamlReader.parse(text, MAX_MODEL_BYTES, 'model', (l, c, k, p) => new ModelError(source, l, c, k, p));
  const top = r.map(root, TOP, ['consumer', 'schema', 'profile', 'refuse', 'load']);
  const codes = readCodes(r, top.get('codes'));
  const s = new SchemaNames(r, schema, codes);
  // A model read from a file names a folder that must exist; text from elsewhere has no folder to check.
  const fleetDir = readFleetDir(r, top.get('fleet'), source, options.checkFleet ? folderBeside : (f, rel) => resolve(dirname(f), rel));
  const schemaAt = top.get('schema')!;
  if (r.string(schemaAt) !== schema.format) r.fail(schemaAt, `the model is for ${r.string(schemaAt)}, but the schema's format is ${schema.format}`);
  const unsupported = unsupportedConstruct(schema);
  if (unsupported) r.fail(schemaAt, `consumer models do not read this schema yet: ${unsupported} (validate without a model for structural checks)`);
  const profile = readProfileDecl(r, top.get('profile')!, s);
  const exprs = new ExprChecker(r, schema, () => profile.limits);
  const refuse = readRefuse(r, top.get('refuse')!, s, exprs);
  const load = readLoad(r, top.get('load')!, s, refuse.read);
  const copies = readCopies(r, top.get('copies'), s, load);
  s.checkViews(copies, top.get('copies') ?? top.get('load')!);
  const DISPATCH_KEYS = ['switch', 'lookup', 'tags', 'after', 'at', 'code'];
  const dispatch = (top.has('dispatch') ? r.list(top.get('dispatch')!) : []).map((d) => ({ d, m: r.map(d, DISPATCH_KEYS) }));
  for (const x of dispatch) {
    if (x.m.has('switch') === x.m.has('lookup')) r.fail(x.d, 'a dispatch entry is either a switch (switch:, tags:) or a lookup (lookup:, after:, code:)');
  }
  const switches = dispatch.filter((x) => x.m.has('switch')).map((x) => readSwitch(r, x.d, x.m, s, profile));
  const lookups = dispatch.filter((x) => !x.m.has('switch')).map((x) => readLookup(r, x.d, x.m, s));
  const buffers = (top.has('buffers') ? r.list(top.get('buffers')!) : []).map((b) => {
    const { m, ...v } = readViewRule(r, b, s, ['field', 'max', 'code'], ['max']);
    return { ...v, max: exprs.expr(m.get('max')!, [], 'int') };
  });
  const engines = (top.has('engines') ? r.list(top.get('engines')!) : []).map((e) => {
    const { m, ...v } = readViewRule(r, e, s, ['field', 'engine', 'code'], ['engine']);
    if (r.string(m.get('engine')!) !== 're2') r.fail(m.get('engine')!, 'the only engine is re2');
    return { ...v, engine: 're2' as const };
  });
  const inputs = top.has('inputs') ? readInputs(r, top.get('inputs')!, s, exprs, profile) : undefined;
  return {
    consumer: r.string(top.get('consumer')!), source, schema, profile, refuse, load, copies,
    pastEndCode: top.has('past_end_code') ? s.code(top.get('past_end_code')!) : 'READ_PAST_END',
    switches, lookups, buffers, engines, inputs, fleetDir, codes,
  };
}

function readProfileDecl(r: YamlReader, at: At, s: SchemaNames): ProfileDecl {
  const m = r.map(at, ['inputs', 'tags', 'limits']);
  const limits = new Map<string, { min: number; max: number }>();
  if (m.has('limits')) {
    for (const { keyValue, value, key } of r.pairs(m.get('limits')!)) {
      if (typeof keyValue !== 'string') r.fail(key, 'a limit needs a name');
      const b = r.map(value, ['min', 'max'], ['min', 'max']);
      const min = r.integer(b.get('min')!, 0, MAX_LIMIT);
      limits.set(keyValue, { min, max: r.integer(b.get('max')!, min, MAX_LIMIT) });
    }
  }
  const tags = new Map<string, string>();
  if (m.has('tags')) {
    for (const { keyValue, value, key } of r.pairs(m.get('tags')!)) {
      if (typeof keyValue !== 'string') r.fail(key, 'a tag set needs a name');
      tags.set(keyValue, s.enumName(value));
    }
  }
  let inputs: ProfileDecl['inputs'];
  if (m.has('inputs')) {
    const i = r.map(m.get('inputs')!, ['under', 'item', 'kinds', 'key_max', 'max_inputs'], ['under', 'item', 'kinds']);
    inputs = {
      under: r.string(i.get('under')!), item: r.string(i.get('item')!), kinds: s.enumName(i.get('kinds')!),
      keyMax: i.has('key_max') ? r.integer(i.get('key_max')!, 0, MAX_LIMIT) : 0xffff_ffff,
      maxInputs: i.has('max_inputs') ? r.integer(i.get('max_inputs')!, 0, 65536) : 4096,
    };
  }
  const used = new Set(['name', 'population', 'limits']);
  for (const k of [...(inputs ? [inputs.under] : []), ...tags.keys()]) {
    if (used.has(k)) r.fail(m.get(inputs?.under === k ? 'inputs' : 'tags')!, `profile key ${k} is used twice`);
    used.add(k);
  }
  return { inputs, tags, limits };
}

function readRefuse(r: YamlReader, at: At, s: SchemaNames, exprs: ExprChecker): RefuseDecl {
  const m = r.map(at, ['read', 'truncated_code', 'rules'], ['read']);
  const read = r.list(m.get('read')!).map((f) => s.rootField(f));
  read.forEach((f, i) => {
    const seqIndex = s.root.fields.indexOf(f);
    if (seqIndex !== i || f.at || f.view) r.fail(m.get('read')!, 'refuse.read must list the root fields that start the file, in order');
    if (fixedSize(s.schema, f, 0) === undefined) r.fail(m.get('read')!, `${f.id} has no fixed size: the consumer cannot check it fits before reading it`);
  });
  const rules = (m.has('rules') ? r.list(m.get('rules')!) : []).map((ruleAt) => {
    const rm = r.map(ruleAt, ['when', 'code', 'at', 'details'], ['when', 'code']);
    const when = exprs.expr(rm.get('when')!, [s.schema.root], 'bool');
    const readFirst = (key: string, e: CompiledExpr): void => {
      for (const f of rootFieldsRead(e.ast, s.schema)) {
        if (!read.some((x) => x.id === f)) r.fail(rm.get(key)!, `reads ${f}, which the consumer has not read when it checks: list it under refuse.read, or check it elsewhere`);
      }
    };
    readFirst('when', when);
    const details = rm.has('details')
      ? r.pairs(rm.get('details')!).map(({ keyValue, value }) => [String(keyValue), exprs.expr(value, [s.schema.root], 'int')] as const)
      : [];
    const rule = {
      when, code: s.code(rm.get('code')!), details, usesLimits: usesLimits(when.ast),
      at: rm.has('at') ? exprs.expr(rm.get('at')!, [s.schema.root], 'ref') : undefined,
    };
    if (rule.at) readFirst('at', rule.at);
    for (const [, e] of details) readFirst('details', e);
    return rule;
  });
  return { read, truncatedCode: m.has('truncated_code') ? s.code(m.get('truncated_code')!) : 'TRUNCATED', rules };
}

function readLoad(r: YamlReader, at: At, s: SchemaNames, before: readonly FieldDef[]): FieldDef[] {
  const read = new Set(before);
  const load = r.list(at).map((f) => {
    const field = s.rootField(f);
    if (read.has(field)) r.fail(f, `${field.id} is read twice`);
    if (!field.at) {
      // A field at the cursor starts where the one before it ends: the consumer must have read that one.
      const i = s.root.fields.indexOf(field);
      const prev = s.root.fields.slice(0, i).filter((p) => !p.at && !p.view);
      for (const p of prev) if (!read.has(p)) r.fail(f, `${field.id} starts after ${p.id}, which the consumer has not read yet`);
    }
    read.add(field);
    return field;
  });
  return load;
}

function readCopies(r: YamlReader, at: At | undefined, s: SchemaNames, load: readonly FieldDef[]): Set<string> {
  const out = new Set<string>();
  for (const item of at ? r.list(at) : []) {
    const f = s.rootField(item);
    if (f.type.kind !== 'bytes' || f.repeat) r.fail(item, `${f.id} is not a bytes field: only bytes are copied`);
    if (!load.includes(f)) r.fail(item, `${f.id} is copied but not listed in load`);
    out.add(f.id);
  }
  return out;
}

/** A folder named relative to the model's own folder, if it is one. */
function folderBeside(modelFile: string, rel: string): string | undefined {
  const dir = resolve(dirname(modelFile), rel);
  try {
    return statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}
