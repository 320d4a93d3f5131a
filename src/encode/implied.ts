import type { CompiledExpr, Expr, FieldDef, StructDef } from '../schema/index.js';

const IMPLIED = new WeakMap<StructDef, ReadonlyMap<FieldDef, CompiledExpr>>();

/**
 * How the encoder computes a field: its `derive`, else the one its use implies. An integer field
 * that a sibling names as its plain `size` and that has no derive of its own is that sibling's
 * size: a schema written for decoding alone (Kaitai style) then packs without a `derive` on
 * every length. (Counts are not implied: a count without a derive stays a field to give.)
 */
export function deriveOf(struct: StructDef, f: FieldDef): CompiledExpr | undefined {
  return f.derive ?? impliedOf(struct).get(f);
}

function impliedOf(struct: StructDef): ReadonlyMap<FieldDef, CompiledExpr> {
  let m = IMPLIED.get(struct);
  if (m) return m;
  const out = new Map<FieldDef, CompiledExpr>();
  const byId = new Map(struct.fields.map((f) => [f.id, f]));
  const imply = (ref: CompiledExpr | undefined, fn: 'sizeof', target: FieldDef): void => {
    const name = ref?.ast.kind === 'name' ? ref.ast.name : undefined;
    const f = name === undefined ? undefined : byId.get(name);
    if (!f || f === target || f.derive || f.checksum || f.repeat || out.has(f)) return;
    if (f.type.kind !== 'int' && f.type.kind !== 'bits') return;
    const arg: Expr = { kind: 'name', name: target.id };
    out.set(f, { source: `${fn}(${target.id})`, ast: { kind: 'call', fn, args: [arg] } });
  };
  for (const f of struct.fields) {
    if (f.view || f.at) continue; // a view's size is its reference's; a placed field's length is the writer's business
    // A terminator-bounded value has its own end: its `size` is a bound, not its length.
    if (f.size && !f.repeat && f.terminator === undefined) imply(f.size, 'sizeof', f);
  }
  IMPLIED.set(struct, (m = out));
  return m;
}
