import { isFindingCode, type Severity } from '../../findings/index.js';
import type { CompiledExpr } from '../expr/index.js';
import type { AssertDef, Endian, EnumDef, FormatSchema, ParamDef, SchemaCodeDef, StructDef } from '../model.js';
import { code, expr, type BuildContext, type Fail, type Path, type Raw } from './build-context.js';
import { buildField } from './build-field.js';
import { NOTHING_IMPORTED, type Imported } from './imports.js';

export type { Fail } from './build-context.js';

/** Turns a shape-checked schema document into the model; `fail` names the key at fault. */
export function buildModel(raw: Raw, source: string, fail: Fail, imported: Imported = NOTHING_IMPORTED): FormatSchema {
  const endian = (raw.endian as Endian | undefined) ?? 'le';
  const codes = new Map([...imported.codes, ...buildCodes(raw, fail)]);
  const b: BuildContext = { fail, endian, bitEndian: (raw.bit_endian as Endian | undefined) ?? 'be', ownCodes: new Set(codes.keys()) };
  // Every table keyed by names from the file is a Map (or has no prototype): `constructor` is a name like any other.
  const enums = new Map<string, EnumDef>(imported.enums);
  for (const [name, values] of Object.entries((raw.enums as Record<string, Record<string, string>> | undefined) ?? {})) {
    if (enums.has(name)) fail(['enums', name], `enum ${name} is also defined in an imported file`);
    const byValue = new Map<number, string>();
    const byName = new Map<string, number>();
    for (const [k, v] of Object.entries(values)) {
      if (byName.has(v)) fail(['enums', name, k], `name ${v} is used twice`);
      byValue.set(Number(k), v);
      byName.set(v, Number(k));
    }
    enums.set(name, { name, byValue, byName });
  }
  const types = new Map<string, StructDef>(imported.types);
  for (const [name, rawStruct] of Object.entries(raw.types as Record<string, Raw>)) {
    if (types.has(name)) fail(['types', name], `type ${name} is also defined in an imported file`);
    types.set(name, buildStruct(name, rawStruct, ['types', name], b));
  }
  return {
    format: raw.format as string, title: (raw.title as string | undefined) ?? (raw.format as string), source, endian,
    root: (raw.root as string | undefined) ?? '', enums, types, codes,
  };
}

/** `codes:`: the format's own finding codes. A built-in name cannot be redefined. */
function buildCodes(raw: Raw, fail: Fail): Map<string, SchemaCodeDef> {
  const out = new Map<string, SchemaCodeDef>();
  for (const [name, def] of Object.entries((raw.codes as Record<string, Raw> | undefined) ?? {})) {
    if (isFindingCode(name)) fail(['codes', name], `${name} is a built-in code (docs/findings.md): a schema may use it, not redefine it`);
    out.set(name, {
      severity: def.severity as Severity, title: def.title as string, message: def.message as string,
      meaning: def.meaning as string | undefined, fix: def.fix as string | undefined,
    });
  }
  return out;
}

function buildStruct(name: string, raw: Raw, path: Path, b: BuildContext): StructDef {
  const { fail } = b;
  // No prototype: a field named `constructor` is not "the same name as a let binding".
  const lets = Object.create(null) as Record<string, CompiledExpr>;
  for (const [k, v] of Object.entries((raw.let as Raw | undefined) ?? {})) lets[k] = expr(v, [...path, 'let', k], fail);
  const params: ParamDef[] = ((raw.params as Raw[] | undefined) ?? []).map((p) => ({ id: p.id as string, type: (p.type as ParamDef['type'] | undefined) ?? 'any' }));
  const taken = new Set<string>();
  params.forEach((p, i) => {
    if (taken.has(p.id)) fail([...path, 'params', i, 'id'], `parameter ${p.id} is declared twice`);
    if (Object.prototype.hasOwnProperty.call(lets, p.id)) fail([...path, 'params', i, 'id'], `parameter ${p.id} has the same name as a let binding`);
    taken.add(p.id);
  });
  const seen = new Set<string>();
  const fields = (raw.seq as Raw[]).map((f, i) => {
    const field = buildField(f, [...path, 'seq', i], b);
    if (seen.has(field.id)) fail([...path, 'seq', i, 'id'], `field ${field.id} is declared twice`);
    if (Object.prototype.hasOwnProperty.call(lets, field.id)) fail([...path, 'seq', i, 'id'], `field ${field.id} has the same name as a let binding`);
    if (taken.has(field.id)) fail([...path, 'seq', i, 'id'], `field ${field.id} has the same name as a parameter`);
    seen.add(field.id);
    return field;
  });
  const asserts: AssertDef[] = ((raw.asserts as Raw[] | undefined) ?? []).map((a, i) => ({
    rule: expr(a.rule, [...path, 'asserts', i, 'rule'], fail),
    code: code(a.code, [...path, 'asserts', i, 'code'], b),
    severity: a.severity as Severity | undefined,
    path: typeof a.path === 'string' ? a.path.split('.') : undefined,
    message: a.message as string | undefined,
  }));
  return { name, doc: raw.doc as string | undefined, fields, lets: Object.keys(lets).length ? lets : undefined, asserts, params: params.length ? params : undefined };
}
