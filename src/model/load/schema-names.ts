import { isFindingCode, type FindingCode } from '../../findings/index.js';
import type { FieldDef, FormatSchema, StructDef } from '../../schema/index.js';
import type { At, YamlReader } from './yaml-reader.js';

/** Byte size of a field known from the schema alone, or undefined. */
export function fixedSize(schema: FormatSchema, f: FieldDef, depth: number): number | undefined {
  if (f.repeat || f.at || f.view || depth > 16) return undefined;
  const t = f.type;
  if (t.kind === 'int') return ({ u1: 1, s1: 1, u2: 2, s2: 2, u4: 4, s4: 4, u8: 8, s8: 8 } as const)[t.int];
  if (t.kind !== 'struct') return undefined;
  let n = 0;
  for (const g of schema.types.get(t.struct)!.fields) {
    const k = fixedSize(schema, g, depth + 1);
    if (k === undefined) return undefined;
    n += k;
  }
  return n;
}

/** Lookups of the schema's names, failing at the model's key. */
export class SchemaNames {
  readonly root: StructDef;

  constructor(private readonly r: YamlReader, readonly schema: FormatSchema, private readonly own: ReadonlyMap<string, unknown> = new Map()) {
    this.root = schema.types.get(schema.root)!;
  }

  code(at: At): FindingCode {
    const v = this.r.string(at);
    // A model's own codes are strings of the public catalogue too, once the model defines them.
    if (this.own.has(v)) return v as FindingCode;
    if (!isFindingCode(v)) this.r.fail(at, `${v} is not a finding code (see docs/findings.md) nor one of the model's codes: (${[...this.own.keys()].join(', ') || 'none defined'})`);
    return v;
  }

  enumName(at: At): string {
    const v = this.r.string(at);
    if (!this.schema.enums.has(v)) this.r.fail(at, `${v} is not an enum of the schema (enums: ${[...this.schema.enums.keys()].join(', ')})`);
    return v;
  }

  struct(at: At, name: string): StructDef {
    const st = this.schema.types.get(name);
    if (!st) this.r.fail(at, `${name} is not a type of the schema`);
    return st;
  }

  field(at: At, struct: StructDef, id: string): FieldDef {
    const f = struct.fields.find((x) => x.id === id);
    if (!f) this.r.fail(at, `${struct.name} has no field ${id} (fields: ${struct.fields.map((x) => x.id).join(', ')})`);
    return f;
  }

  rootField(at: At): FieldDef {
    return this.field(at, this.root, this.r.string(at));
  }

  /** `TYPE.FIELD` (or `TYPE.LET` with `allowLet`). */
  member(at: At): { struct: StructDef; name: string } {
    const text = this.r.string(at);
    const dot = text.indexOf('.');
    if (dot <= 0 || dot !== text.lastIndexOf('.')) this.r.fail(at, `must be TYPE.FIELD, got ${text}`);
    return { struct: this.struct(at, text.slice(0, dot)), name: text.slice(dot + 1) };
  }

  /** Views are read from buffers the consumer copied: a view into anything else is not modelled. */
  checkViews(copies: ReadonlySet<string>, at: At): void {
    for (const st of this.schema.types.values()) {
      for (const f of st.fields) {
        if (!f.view) continue;
        const v = f.view.ast;
        const ok = v.kind === 'member' && v.object.kind === 'name' && v.object.name === '_root' && copies.has(v.name);
        if (!ok) this.r.fail(at, `${st.name}.${f.id} is a view into ${f.view.source}: list that root field under copies`);
      }
    }
  }
}
