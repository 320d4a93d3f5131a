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
  const byId = new Map(struct.fields.map((f) => [f.id, f]));
  // Each length field and the fields it sizes: more than one when `if` chooses among them (a ZIP name, UTF-8 or CP437).
  const sized = new Map<FieldDef, FieldDef[]>();
  for (const f of struct.fields) {
    if (f.view || f.at || f.repeat || !f.size || f.size.ast.kind !== 'name') continue; // a view's size is its reference's; a placed field's length is the writer's business
    // A terminator-bounded value has its own end: its `size` is a bound, not its length.
    if (f.terminator !== undefined) continue;
    const len = byId.get(f.size.ast.name);
    if (!len || len === f || len.derive || len.checksum || len.repeat || (len.type.kind !== 'int' && len.type.kind !== 'bits')) continue;
    sized.set(len, [...(sized.get(len) ?? []), f]);
  }
  const out = new Map<FieldDef, CompiledExpr>();
  for (const [len, targets] of sized) {
    if (targets.length > 1 && !targets.every((t) => t.cond)) continue; // two fields always present: which one the length is, is not for the encoder to guess
    let ast: Expr = sizeOf(targets[targets.length - 1]!.id);
    for (let i = targets.length - 2; i >= 0; i--) {
      const id = targets[i]!.id;
      ast = { kind: 'cond', test: { kind: 'binary', op: '!=', left: { kind: 'name', name: id }, right: { kind: 'null' } }, then: sizeOf(id), else: ast };
    }
    out.set(len, { source: targets.map((t) => `sizeof(${t.id})`).join(' or '), ast });
  }
  IMPLIED.set(struct, (m = out));
  return m;
}

const sizeOf = (id: string): Expr => ({ kind: 'call', fn: 'sizeof', args: [{ kind: 'name', name: id }] });
