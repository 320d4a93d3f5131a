import type { CompiledExpr, FormatSchema } from '../schema/index.js';
import { byteList, toBytes } from './bytes-value.js';
import { chooseCase, chooseCaseIn } from './choose-case.js';
import { EncodeError } from './encode-error.js';
import { describe, toBits, toInt } from './int.js';
import { ChildPath, type LazyPath } from './locations.js';
import { EXT, INT, SMALL_TAGS, planOf, type CaseNode, type FieldPlan, type SchemaPlan, type StructPlan } from './plan.js';
import { Frame, Visit, type Env, type Tree } from './tree.js';

export { chooseCase } from './choose-case.js';
export { fromHex, toBytes } from './bytes-value.js';

export const EDIT_KEY = '$edit';
/** In any struct of a source: the original bytes of its processed fields (see docs/pack-sources.md). */
export const COMPRESSED_KEY = '$compressed';
const own = Object.prototype.hasOwnProperty;

export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/**
 * Checks a value against the schema and copies it into the decoder's conventions:
 * enum names become numbers, ints number/bigint by width, bytes Uint8Array.
 * Absent (or null) fields stay absent: the encoder derives them.
 */
export function normalize(schema: FormatSchema, input: unknown): { value: Record<string, unknown>; edit: unknown } {
  const { value, edit } = buildTree(schema, input);
  return { value, edit };
}

/** normalize, also recording each struct instance and the fields the later phases work on. */
export function buildTree(schema: FormatSchema, input: unknown): Tree {
  if (!isMap(input)) throw new EncodeError(`the value must be a map of the ${schema.root} fields, got ${describe(input)}`, []);
  const plan = planOf(schema);
  // Tree objects have no prototype: every phase reads `obj[f.id]`, and a field named `constructor`
  // must then be absent when the source leaves it out, not Object.prototype.constructor.
  const value = Object.create(null) as Record<string, unknown>;
  const env = { ioSize: NaN, locations: undefined, scopes: [], honourAt: plan.extended } as unknown as Env & { root: Frame };
  env.root = new Frame(value, undefined, '', undefined, plan.root.def.lets, env);
  const tree: Tree = { value, edit: input[EDIT_KEY], env, toDerive: [], lateDerive: [], pools: [], views: [], checksums: [], conds: [] };
  new Builder(plan, tree).struct(plan.root, input, env.root);
  return tree;
}

class Builder {
  private seq = 0;

  constructor(readonly plan: SchemaPlan, readonly tree: Tree) {}

  /** Fills `frame` (a new struct) from `raw`, then checks that `raw` has no other keys. */
  struct(sp: StructPlan, raw: Record<string, unknown>, frame: Frame): void {
    const flat = this.fill(sp, raw, frame, sp.cases).flat(this.plan);
    frame.setFlat(flat);
    const isRoot = !frame.parent;
    const { ids } = flat;
    let next = 0;
    // Object.keys(raw), in its order, without the array: own keys come first in a for-in, inherited ones are skipped.
    for (const key in raw) {
      if (!own.call(raw, key)) continue;
      // Values written in field order (decoded, generated, most sources) are checked by walking the ids forward.
      while (next < ids.length && ids[next] !== key) next++;
      if (next < ids.length) { next++; continue; }
      if (flat.posOf.has(key) || (isRoot && key === EDIT_KEY)) continue;
      if (key === COMPRESSED_KEY) {
        const c = raw[key];
        if (!isMap(c)) throw new EncodeError(`expected a map of processed fields to their compressed bytes, got ${describe(c)}`, [...frame.path, key]);
        (frame.ext ??= {}).compressed = c;
        // Kept on the value too: a parsed source (parseSource) encodes again to the same bytes.
        frame.obj[key] = c;
        continue;
      }
      throw new EncodeError(`unknown field "${key}" in ${sp.def.name} (its fields: ${flat.idList})`, [...frame.path, key]);
    }
  }

  /** Fills the fields of `sp` into the frame; returns `cases` with the inline cases it chose added. */
  private fill(sp: StructPlan, raw: Record<string, unknown>, frame: Frame, cases: CaseNode): CaseNode {
    const { obj } = frame;
    for (const f of sp.fields) {
      if (f.isInline) {
        const c = this.casePlan(f, frame, frame);
        cases = cases.next(c);
        if (c) cases = this.fill(c, raw, frame, cases);
        continue;
      }
      const pos = frame.filled++; // fields are filled in the order of the flat struct
      // Own keys only: a field named `constructor` must not read Object.prototype.constructor.
      let v = own.call(raw, f.id) ? raw[f.id] : undefined;
      if (v === undefined || v === null) {
        if (f.code === EXT && f.def.cond) { this.absentCond(f, frame, pos); continue; }
        // Magic bytes come from the schema.
        if (f.def.contents && !f.repeat) v = f.def.contents.bytes;
        // An absent struct is an empty one: each of its fields is then derived (or reported missing).
        else if (f.isStruct && !f.repeat) v = {};
        else {
          if (!f.isStruct) this.visit(f, frame, pos, undefined);
          continue;
        }
      }
      // Most fields are integers already in the decoder's conventions: quickInt takes them without a call to `one`.
      const quick = f.code === INT && !f.repeat ? f.quickInt(v) : undefined;
      const value = quick ?? (f.repeat ? this.list(f, v, frame, pos) : this.one(f, v, frame, pos, undefined));
      obj[f.id] = value;
      // A single passive field with a value leaves no work for later phases (see visit).
      if (!f.isStruct && (f.repeat || !f.passive)) this.visit(f, frame, pos, value);
    }
    return cases;
  }

  /**
   * An `if` field the source leaves out. One the encoder can compute (derive, checksum, contents)
   * waits for its condition (derive.ts resolves it: false gives null, true computes it); any
   * other is not written (null, as the decoder gives a false condition).
   */
  private absentCond(f: FieldPlan, frame: Frame, pos: number): void {
    const { def } = f;
    if (f.view || !(f.derive || def.checksum || def.contents)) {
      frame.obj[f.id] = null;
      return;
    }
    frame.obj[f.id] = undefined;
    this.tree.conds.push(new Visit(f, frame, pos, this.seq++));
  }

  /** Files the field under the phases that will look at it. */
  private visit(f: FieldPlan, frame: Frame, pos: number, value: unknown): void {
    const { def } = f;
    const derivable = !f.view && !def.checksum && (value === undefined || (f.repeat && (value as unknown[]).includes(undefined)));
    if (!derivable && !def.pool && !f.view && !def.checksum) return; // complete: no phase has work on it
    const v = new Visit(f, frame, pos, this.seq++);
    if (f.view) this.tree.views.push(v);
    if (def.checksum) this.tree.checksums.push(v);
    if (def.pool) this.tree.pools.push(v);
    if (derivable) (f.deriveUsesLayout && !f.repeat ? this.tree.lateDerive : this.tree.toDerive).push(v);
  }

  /** The plan of the case chooseCase selects, answered without a scope when the tag is a plain integer field or expression. */
  private casePlan(f: FieldPlan, frame: Frame, path: LazyPath): StructPlan | undefined {
    const t = f.def.type;
    if (t.kind !== 'switch') return undefined;
    const tag = f.tagFast?.(frame, frame.index, this.tree.env);
    if (typeof tag === 'number' && Number.isInteger(tag)) return tag >= 0 && tag < SMALL_TAGS ? f.caseArray![tag] : f.casePlans!.get(tag) ?? f.defaultPlan;
    const def = chooseCase(this.plan.schema, f.def, frame.scope, path);
    return def && this.plan.of(def);
  }

  /** The arguments of the parametric case the switch of `f` chose, for the frame `kid` of its struct. */
  private caseArgs(f: FieldPlan, kid: Frame): readonly CompiledExpr[] | undefined {
    return chooseCaseIn(f.def, kid.parent!.scope, kid)?.args;
  }

  /** The value of a repeated field: its elements, each as `one` gives it. */
  private list(f: FieldPlan, raw: unknown, frame: Frame, pos: number): unknown {
    const t = f.def.type;
    const v = t.kind === 'int' && t.int === 'u1' ? (byteList(raw, new ChildPath(frame, f.id)) ?? raw) : raw;
    if (!Array.isArray(v)) throw new EncodeError(`expected a list, got ${describe(v)}`, [...frame.path, f.id]);
    // As Array.prototype.map: a hole stays a hole.
    const out = new Array<unknown>(v.length);
    // The element frames, sized once (`one` fills them; holes stay holes, as readers expect).
    if (f.isStruct) (frame.kids ??= [])[pos] = new Array<Frame | undefined>(v.length);
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) continue;
      const el: unknown = v[i];
      if (el !== null && el !== undefined) out[i] = this.one(f, el, frame, pos, i);
      else if (f.def.derive || f.def.checksum) out[i] = undefined;
      else throw new EncodeError('missing element (and the schema has no derive for it)', [...frame.path, f.id, i]);
    }
    return out;
  }

  /** `v`, the value of field `f` of `frame` (of its element `index`), in the decoder's conventions. */
  private one(f: FieldPlan, v: unknown, frame: Frame, pos: number, index: number | undefined): unknown {
    const t = f.def.type;
    switch (t.kind) {
      case 'int': return f.quickInt(v) ?? toInt(v, t.int, where(frame, f, index), f.enumDef);
      case 'bits': return toBits(v, t.bits, where(frame, f, index), f.enumDef);
      case 'bytes': return toBytes(v, where(frame, f, index));
      case 'str':
        if (typeof v === 'string') return v;
        // Raw bytes are accepted too, for text that is not valid UTF-8 (hostile test files).
        if (v instanceof Uint8Array || (isMap(v) && typeof v.hex === 'string')) return toBytes(v, where(frame, f, index));
        throw new EncodeError(`expected a string, got ${describe(v)}`, where(frame, f, index).path);
      case 'struct': case 'switch': {
        if (!isMap(v)) throw new EncodeError(`expected a map, got ${describe(v)}`, where(frame, f, index).path);
        const sp = t.kind === 'struct' ? f.struct : this.casePlan(f, frame, where(frame, f, index));
        const obj = Object.create(null) as Record<string, unknown>;
        if (!sp) {
          if (Object.keys(v).length) throw new EncodeError(`the tag of ${f.id} has no case, so it takes no fields`, where(frame, f, index).path);
          return obj;
        }
        const kid = new Frame(obj, frame, f.id, index, sp.def.lets, this.tree.env);
        const args = t.kind === 'struct' ? t.args : f.caseArgs ? this.caseArgs(f, kid) : undefined;
        if (args && sp.def.params?.length) kid.ext = { args, params: sp.def.params };
        this.struct(sp, v, kid);
        const kids = (frame.kids ??= []);
        if (index === undefined) kids[pos] = kid;
        else ((kids[pos] ??= []) as Array<Frame | undefined>)[index] = kid;
        return obj;
      }
    }
  }
}

/** The path of a field (or of its element), built only when needed. */
function where(frame: Frame, f: FieldPlan, index: number | undefined): ChildPath {
  const field = new ChildPath(frame, f.id);
  return index === undefined ? field : new ChildPath(field, index);
}
