import { INT_WIDTH, type CompiledExpr, type EnumDef, type FieldDef, type FieldType, type FormatSchema, type StructDef } from '../schema/index.js';
import { fastOf, rootFieldOf, type Fast } from './fast-expr.js';
import { CaseNode } from './case-node.js';
import { usesIo, usesLayout } from './layout-exprs.js';
import { deriveOf } from './implied.js';

export { CaseNode, type FlatStruct } from './case-node.js';

/** FieldPlan.code: how a field is written (ints; bytes and strings; structs and switches). */
export const INT = 0;
export const BYTES = 1;
export const STRUCT = 2;
/** A field with a construct plain schemas do not use (see isExt): written by write-ext, off the hot path. */
export const EXT = 3;

/**
 * Does the field need the extended writer? `if`, bit fields, terminators, text encodings other
 * than UTF-8, `size` on a struct or switch, `process`, and checksums other than an integer
 * CRC-32 over a range. CCF and sigpack have none, and keep the writer's three fast cases.
 */
function isExt(def: FieldDef): boolean {
  const t = def.type;
  if (def.cond || def.process || def.terminator !== undefined || t.kind === 'bits') return true;
  if (t.kind === 'str' && t.encoding !== undefined && t.encoding !== 'utf-8') return true;
  if ((t.kind === 'struct' || t.kind === 'switch') && (def.size || def.sizeEos)) return true;
  if (def.checksum && (def.checksum.algo !== 'crc32' || def.checksum.of || t.kind !== 'int')) return true;
  return false;
}

/**
 * What the encoder needs to know about a field, worked out once per schema rather than once per
 * node per phase: the fuzzer re-encodes small files tens of thousands of times a second.
 */
export class FieldPlan {
  readonly id: string;
  /** Copies of the definition's flags, read on one object in the hot loops. */
  readonly kind: FieldType['kind'];
  /** The kind as INT, BYTES or STRUCT: the writer's dispatch, on a small integer. */
  readonly code: number;
  readonly repeat: boolean;
  readonly view: boolean;
  readonly at: boolean;
  readonly isStruct: boolean;
  readonly isInline: boolean;
  /** Bytes of an int field; 0 otherwise. */
  readonly width: number;
  readonly le: boolean;
  /** The range of an int, for the fast path of toInt: as bigints, and as numbers up to 4 bytes (NaN for 8). */
  readonly lo: number;
  readonly hi: number;
  readonly loBig: bigint;
  readonly hiBig: bigint;
  readonly enumDef: EnumDef | undefined;
  /** How the encoder computes the field: its derive, or the one a sibling's `size` implies (see implied.ts). */
  readonly derive: CompiledExpr | undefined;
  /** A switch's `_` case, its text cases, and whether any case takes arguments. */
  defaultPlan: StructPlan | undefined;
  textPlans: ReadonlyMap<string, StructPlan | undefined> | undefined;
  readonly caseArgs: boolean;
  /** The struct of a `struct` field (linked after every struct has a plan: types may be recursive). */
  struct: StructPlan | undefined;
  /** A switch's case structs by tag (undefined: no case, or a case naming no type). */
  readonly cases: ReadonlyMap<number, StructDef | undefined> | undefined;
  /** The same, as plans (linked with `struct`); by index for small tags, which switches mostly have. */
  casePlans: ReadonlyMap<number, StructPlan | undefined> | undefined;
  caseArray: ReadonlyArray<StructPlan | undefined> | undefined;
  /** Not a view, pool or checksum: once it has a value, no phase after normalize has work on it. */
  readonly passive: boolean;
  /** Does the derive read the layout (offsetof, sizeof, end, _io)? Then it waits for the layout phase. */
  readonly deriveUsesLayout: boolean;
  /** Does the derive read its stream (`_io`)? Then it is evaluated in the stream of its struct (derive.ts). */
  readonly deriveUsesIo: boolean;
  /** Fast evaluations (see fast-expr) of the derive and of a switch's tag, when they have one. */
  readonly deriveFast: Fast | undefined;
  readonly tagFast: Fast | undefined;
  /** A view into `_root.x` (a pool): the path [x], which the pools resolve without a scope. */
  readonly viewRoot: readonly [string] | undefined;

  constructor(readonly def: FieldDef, schema: FormatSchema, owner: StructDef) {
    const t = def.type;
    // The same characters, internalized: a schema's ids are plain strings from its YAML, and keys
    // compare by pointer (and delete fast) only when unique.
    this.id = Object.keys({ [def.id]: 0 })[0]!;
    this.kind = t.kind;
    this.code = isExt(def) ? EXT : t.kind === 'int' ? INT : t.kind === 'bytes' || t.kind === 'str' ? BYTES : STRUCT;
    this.repeat = def.repeat !== undefined;
    this.view = def.view !== undefined;
    this.at = def.at !== undefined;
    this.isStruct = t.kind === 'struct' || t.kind === 'switch';
    this.isInline = t.kind === 'switch' && def.inline;
    this.width = t.kind === 'int' ? INT_WIDTH[t.int] : 0;
    this.le = t.kind === 'int' && t.endian === 'le';
    const signed = t.kind === 'int' && t.int.startsWith('s');
    const bits = BigInt(8 * this.width);
    this.loBig = signed ? -(1n << (bits - 1n)) : 0n;
    this.hiBig = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
    this.lo = this.width > 4 ? NaN : Number(this.loBig);
    this.hi = this.width > 4 ? NaN : Number(this.hiBig);
    this.enumDef = def.enumName ? schema.enums.get(def.enumName) : undefined;
    this.derive = deriveOf(owner, def);
    this.defaultPlan = undefined;
    this.textPlans = undefined;
    this.caseArgs = t.kind === 'switch' && t.caseArgs !== undefined && t.caseArgs.size > 0;
    this.struct = undefined;
    this.cases = t.kind === 'switch' ? new Map([...t.cases].map(([tag, name]) => [tag, schema.types.get(name)])) : undefined;
    this.casePlans = undefined;
    this.caseArray = undefined;
    this.passive = !def.view && !def.pool && !def.checksum;
    this.deriveUsesLayout = this.derive !== undefined && usesLayout(this.derive);
    this.deriveUsesIo = this.derive !== undefined && usesIo(this.derive);
    this.deriveFast = this.derive && fastOf(this.derive);
    this.tagFast = t.kind === 'switch' ? fastOf(t.on) : undefined;
    const root = def.view && rootFieldOf(def.view);
    this.viewRoot = root ? [root] : undefined;
  }

  /**
   * toInt of `raw` for the common cases (an in-range number, bigint or enum name), without building
   * a path or, up to 4 bytes, a bigint; undefined otherwise (toInt then gives the value or the error).
   * `+ 0` turns -0 into 0, as Number(BigInt(-0)) does.
   */
  quickInt(raw: unknown): number | bigint | undefined {
    if (typeof raw === 'bigint') return raw < this.loBig || raw > this.hiBig ? undefined : this.width === 8 ? raw : Number(raw);
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && this.enumDef ? this.enumDef.byName.get(raw) : undefined;
    if (n === undefined || !Number.isInteger(n)) return undefined;
    if (this.width === 8) return this.quickInt(BigInt(n));
    return n >= this.lo && n <= this.hi ? n + 0 : undefined;
  }
}

export class StructPlan {
  readonly fields: FieldPlan[];
  /** Where the choices of the inline switches start, as normalize makes them. */
  readonly cases: CaseNode;

  /** `id`: its index in the schema's plan (case nodes index their children by it). */
  constructor(readonly def: StructDef, schema: FormatSchema, readonly id: number) {
    this.fields = def.fields.map((f) => new FieldPlan(f, schema, def));
    this.cases = new CaseNode(this, []);
  }
}

export class SchemaPlan {
  private readonly byDef = new Map<StructDef, StructPlan>();
  readonly root: StructPlan;
  /** Does any field use a construct of the extended writer (EXT)? Such schemas have no corpus laid out the old way. */
  readonly extended: boolean;

  constructor(readonly schema: FormatSchema) {
    for (const s of schema.types.values()) this.byDef.set(s, new StructPlan(s, schema, this.byDef.size));
    for (const p of [...this.byDef.values()]) this.link(p);
    this.root = this.of(schema.types.get(schema.root)!);
    this.extended = [...this.byDef.values()].some((p) => p.fields.some((f) => f.code === EXT));
  }

  of(def: StructDef): StructPlan {
    let p = this.byDef.get(def);
    // A StructDef that is not in schema.types (never, for loaded schemas) still gets a plan.
    if (!p) {
      this.byDef.set(def, (p = new StructPlan(def, this.schema, this.byDef.size)));
      this.link(p);
    }
    return p;
  }

  private link(p: StructPlan): void {
    for (const f of p.fields) {
      if (f.cases) {
        f.casePlans = new Map([...f.cases].map(([tag, def]) => [tag, def && this.of(def)]));
        const t = f.def.type;
        const dflt = t.kind === 'switch' && t.defaultCase !== undefined ? this.schema.types.get(t.defaultCase) : undefined;
        f.defaultPlan = dflt && this.of(dflt);
        if (t.kind === 'switch' && t.textCases?.size) {
          f.textPlans = new Map([...t.textCases].map(([tag, name]) => { const d = this.schema.types.get(name); return [tag, d && this.of(d)]; }));
        }
        // The `_` case answers every small tag the cases leave out.
        const array: Array<StructPlan | undefined> = new Array<StructPlan | undefined>(SMALL_TAGS).fill(f.defaultPlan);
        for (const [tag, c] of f.casePlans) if (tag >= 0 && tag < SMALL_TAGS) array[tag] = c;
        f.caseArray = array;
      }
      if (f.def.type.kind !== 'struct') continue;
      const def = this.schema.types.get(f.def.type.struct);
      if (def) f.struct = this.of(def);
    }
  }
}

const PLANS = new WeakMap<FormatSchema, SchemaPlan>();
/** Tags below this are looked up in FieldPlan.caseArray. */
export const SMALL_TAGS = 256;

export function planOf(schema: FormatSchema): SchemaPlan {
  let p = PLANS.get(schema);
  if (!p) PLANS.set(schema, (p = new SchemaPlan(schema)));
  return p;
}
