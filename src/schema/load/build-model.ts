import { isFindingCode, type FindingCode, type Severity } from '../../findings/index.js';
import { ExprSyntaxError, parseExpr, type CompiledExpr } from '../expr/index.js';
import {
  isIntType, type AssertDef, type Endian, type EnumDef, type FieldDef, type FieldType,
  type FormatSchema, type StructDef, type ValidDef, type ValidRule,
} from '../model.js';

type Raw = Record<string, unknown>;
type Path = readonly (string | number)[];
export type Fail = (path: Path, reason: string) => never;

/** Turns a shape-checked schema document into the model; `fail` names the key at fault. */
export function buildModel(raw: Raw, source: string, fail: Fail): FormatSchema {
  const endian = (raw.endian as Endian | undefined) ?? 'le';
  // Every table keyed by names from the file is a Map (or has no prototype): `constructor` is a name like any other.
  const enums = new Map<string, EnumDef>();
  for (const [name, values] of Object.entries((raw.enums as Record<string, Record<string, string>> | undefined) ?? {})) {
    const byValue = new Map<number, string>();
    const byName = new Map<string, number>();
    for (const [k, v] of Object.entries(values)) {
      if (byName.has(v)) fail(['enums', name, k], `name ${v} is used twice`);
      byValue.set(Number(k), v);
      byName.set(v, Number(k));
    }
    enums.set(name, { name, byValue, byName });
  }
  const types = new Map<string, StructDef>();
  for (const [name, rawStruct] of Object.entries(raw.types as Record<string, Raw>)) {
    types.set(name, buildStruct(name, rawStruct, ['types', name], endian, fail));
  }
  return { format: raw.format as string, title: (raw.title as string | undefined) ?? (raw.format as string), source, endian, root: raw.root as string, enums, types };
}

function expr(value: unknown, path: Path, fail: Fail): CompiledExpr {
  const text = typeof value === 'number' ? String(value) : (value as string);
  try {
    return parseExpr(text);
  } catch (e) {
    if (e instanceof ExprSyntaxError) fail(path, `${e.message} at character ${e.position + 1} of ${JSON.stringify(text)}`);
    throw e;
  }
}

function optExpr(value: unknown, path: Path, fail: Fail): CompiledExpr | undefined {
  return value === undefined ? undefined : expr(value, path, fail);
}

function code(value: unknown, path: Path, fail: Fail): FindingCode {
  if (typeof value !== 'string' || !isFindingCode(value)) fail(path, `${String(value)} is not a finding code (see docs/findings.md)`);
  return value as FindingCode;
}

function optCode(value: unknown, path: Path, fail: Fail): FindingCode | undefined {
  return value === undefined ? undefined : code(value, path, fail);
}

function buildStruct(name: string, raw: Raw, path: Path, endian: Endian, fail: Fail): StructDef {
  // No prototype: a field named `constructor` is not "the same name as a let binding".
  const lets = Object.create(null) as Record<string, CompiledExpr>;
  for (const [k, v] of Object.entries((raw.let as Raw | undefined) ?? {})) lets[k] = expr(v, [...path, 'let', k], fail);
  const seen = new Set<string>();
  const fields = (raw.seq as Raw[]).map((f, i) => {
    const field = buildField(f, [...path, 'seq', i], endian, fail);
    if (seen.has(field.id)) fail([...path, 'seq', i, 'id'], `field ${field.id} is declared twice`);
    if (Object.prototype.hasOwnProperty.call(lets, field.id)) fail([...path, 'seq', i, 'id'], `field ${field.id} has the same name as a let binding`);
    seen.add(field.id);
    return field;
  });
  const asserts: AssertDef[] = ((raw.asserts as Raw[] | undefined) ?? []).map((a, i) => ({
    rule: expr(a.rule, [...path, 'asserts', i, 'rule'], fail),
    code: code(a.code, [...path, 'asserts', i, 'code'], fail),
    severity: a.severity as Severity | undefined,
    path: typeof a.path === 'string' ? a.path.split('.') : undefined,
    message: a.message as string | undefined,
  }));
  return { name, doc: raw.doc as string | undefined, fields, lets: Object.keys(lets).length ? lets : undefined, asserts };
}

function buildType(raw: Raw, path: Path, endian: Endian, fail: Fail): FieldType {
  const t = raw.type;
  if (typeof t === 'string') {
    if (isIntType(t)) return { kind: 'int', int: t, endian: (raw.endian as Endian | undefined) ?? endian };
    if (t === 'bytes' || t === 'str') return { kind: t };
    return { kind: 'struct', struct: t };
  }
  const sw = t as Raw;
  const cases = new Map<number, string>();
  for (const [k, v] of Object.entries(sw.cases as Record<string, string>)) cases.set(Number(k), v);
  return {
    kind: 'switch',
    on: expr(sw.switch_on, [...path, 'type', 'switch_on'], fail),
    cases,
    unknownCode: optCode(raw.unknown_code, [...path, 'unknown_code'], fail) ?? 'BAD_VALUE',
  };
}

function buildValid(raw: Raw, path: Path, fail: Fail): ValidDef {
  const big = (v: unknown) => (typeof v === 'number' ? BigInt(v) : undefined);
  let rule: ValidRule;
  const kinds = ['eq', 'in', 'mask', 'enum', 'expr'].filter((k) => raw[k] !== undefined);
  const hasRange = raw.min !== undefined || raw.max !== undefined;
  if (kinds.length + (hasRange ? 1 : 0) !== 1) fail(path, 'give exactly one of eq, min/max, in, mask, enum, expr');
  if (raw.eq !== undefined) rule = { kind: 'eq', value: big(raw.eq)! };
  else if (hasRange) rule = { kind: 'range', min: big(raw.min), max: big(raw.max) };
  else if (raw.in !== undefined) rule = { kind: 'in', values: (raw.in as number[]).map((v) => BigInt(v)) };
  else if (raw.mask !== undefined) rule = { kind: 'mask', allowed: big(raw.mask)! };
  else if (raw.enum !== undefined) rule = { kind: 'enum' };
  else rule = { kind: 'expr', expr: expr(raw.expr, [...path, 'expr'], fail) };
  return { rule, code: code(raw.code, [...path, 'code'], fail), severity: raw.severity as Severity | undefined, message: raw.message as string | undefined };
}

function buildField(raw: Raw, path: Path, endian: Endian, fail: Fail): FieldDef {
  const p = (k: string): Path => [...path, k];
  if (raw.repeat !== undefined && raw.repeat_bytes !== undefined) fail(p('repeat_bytes'), 'give repeat (a count) or repeat_bytes (a size), not both');
  const unique = raw.unique as Raw | undefined;
  const placement = raw.placement as Raw | undefined;
  const checksum = raw.checksum as Raw | undefined;
  const pattern = raw.pattern as Raw | undefined;
  return {
    id: raw.id as string,
    doc: raw.doc as string | undefined,
    type: buildType(raw, path, endian, fail),
    repeat: raw.repeat_bytes !== undefined ? parseExpr(`len(${String(raw.id)})`) : optExpr(raw.repeat, p('repeat'), fail),
    repeatBytes: optExpr(raw.repeat_bytes, p('repeat_bytes'), fail),
    size: optExpr(raw.size, p('size'), fail),
    at: optExpr(raw.at, p('at'), fail),
    atCode: optCode(raw.at_code, p('at_code'), fail) ?? 'BAD_OFFSET',
    view: optExpr(raw.view, p('view'), fail),
    inline: raw.inline === true,
    reportAtStruct: raw.report_at === 'struct',
    enumName: raw.enum as string | undefined,
    valid: ((raw.valid as Raw[] | undefined) ?? []).map((v, i) => buildValid(v, [...path, 'valid', i], fail)),
    unique: unique ? { key: unique.key as string, code: code(unique.code, [...path, 'unique', 'code'], fail) } : undefined,
    placement: placement
      ? {
          start: expr(placement.start, [...path, 'placement', 'start'], fail),
          end: expr(placement.end, [...path, 'placement', 'end'], fail),
          code: code(placement.code, [...path, 'placement', 'code'], fail),
          gapCode: optCode(placement.gap_code, [...path, 'placement', 'gap_code'], fail),
        }
      : undefined,
    checksum: checksum
      ? {
          algo: 'crc32',
          from: expr(checksum.from, [...path, 'checksum', 'from'], fail),
          to: expr(checksum.to, [...path, 'checksum', 'to'], fail),
          code: code(checksum.code, [...path, 'checksum', 'code'], fail),
        }
      : undefined,
    utf8Code: optCode(raw.utf8_code, p('utf8_code'), fail),
    pattern: pattern
      ? { syntax: 're2', invalidCode: code(pattern.invalid_code, [...path, 'pattern', 'invalid_code'], fail), redosCode: optCode(pattern.redos_code, [...path, 'pattern', 'redos_code'], fail) }
      : undefined,
    derive: optExpr(raw.derive, p('derive'), fail),
    pool: raw.pool === true,
  };
}
