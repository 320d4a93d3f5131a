import { MAX_NESTING } from '../../budget/limits.js';
import type { Expr } from '../../schema/index.js';
import { INT_WIDTH, type CompiledExpr, type FieldDef, type StructDef } from '../../schema/index.js';
import type { BranchTable } from '../coverage.js';
import type { ConsumerModel, LookupDispatch } from '../types.js';
import { ExprCompiler, INT_RANGE, intGetter } from './expr.js';
import { Frame, Gen, Unsupported, num, pathCode, type SlotValue } from './gen.js';
import type { Stores } from './stores.js';

/** Where a HALT goes (a labelled block), the innermost record (where a bad read is reported), nesting. */
export interface Pos {
  readonly halt: string;
  readonly rec: { readonly segs: readonly string[]; readonly off: string };
  readonly depth: number;
  readonly stack: readonly string[];
}

/** The interpreter's StructCtx: the scope, the definition whose rules apply (an inline case's), the start. */
export interface SCtx {
  readonly frame: Frame;
  readonly ruleDef: StructDef;
  readonly start: string;
}

interface One {
  readonly scope: Frame;
  readonly index?: string;
  readonly ctx?: SCtx;
  readonly atRoot: boolean;
  readonly segs: readonly string[];
  readonly key: string;
  readonly pos: Pos;
}

/** The `store` of an input binding's reads array: its elements are bound as they are read. */
const BIND = -1;

interface Read {
  readonly end: string;
  readonly value: SlotValue | undefined;
}

/** Copies of root bytes fields (the buffers views read from): locals set when the copy is made. */
interface Copy {
  readonly set: string;
  readonly off: string;
  readonly size: string;
}

/**
 * Generates the consumer's load, statement by statement, exactly as src/model/run/walker.ts reads:
 * one straight-line function, every struct inlined where it is used, values in locals, a HALT a
 * `break` to the innermost labelled block that the interpreter catches it at. Paths and details are
 * built only where a fault or issue is reported.
 */
export class Reader {
  readonly exprs: ExprCompiler;
  private readonly deferred: ExprCompiler;
  private readonly copies = new Map<string, Copy>();
  private lines = 0;

  constructor(
    private readonly g: Gen,
    private readonly model: ConsumerModel,
    private readonly stores: Stores,
    private readonly branches: BranchTable,
  ) {
    this.exprs = new ExprCompiler({ gen: g, stores, deferred: false, limits: undefined });
    this.deferred = new ExprCompiler({ gen: g, stores, deferred: true, limits: undefined });
  }

  emit(line: string): void {
    // Generated code grows with every place a type is used: past this the model is interpreted.
    if (++this.lines > 50_000) throw new Unsupported('the model expands to too much code');
    this.g.emit(line);
  }

  cov(id: number | undefined): void {
    if (id === undefined) throw new Unsupported('a decision without a coverage id');
    this.emit(`if (cov !== null) cov.hit(${num(id)});`);
  }

  crash(code: string, segs: readonly string[], off: string, details: string): void {
    this.emit(`if (S.fault === null) S.fault = { code: ${this.g.k(code)}, path: ${pathCode(segs)}, offset: ${off}, details: ${details} };`);
  }

  /** `target = expr` where an EvalError runs `onError` (the interpreter's catch at that place). */
  tryInto(target: string, code: string, onError: string): void {
    if (/R\.(ev|nn)\(/.test(code)) this.emit(`try { ${target} = ${code}; } catch (x) { if (x !== R.EV) throw x; ${onError} }`);
    else this.emit(`${target} = ${code};`);
  }

  /** evaluateSize (and evaluateCount: a negative count is the same HALT): a non-negative integer. */
  size(target: string, e: CompiledExpr, f: Frame, onError: string): void {
    const v = this.exprs.int(e.ast, f);
    this.tryInto(target, v.code, onError);
    if (v.lo < 0n) this.emit(`if (${target} < 0) { ${onError} }`);
  }

  spend(): void {
    this.emit('if (++nodes > nodeLeft || ((nodes & 4095) === 0 && R.late(S))) return 1;');
  }

  private readonly storeLocals = new Map<number, { obj: string; cols: string[] }>();

  /** A store and its columns in locals (the columns are replaced when the store grows). */
  private store(n: number): { obj: string; cols: string[] } {
    let l = this.storeLocals.get(n);
    if (!l) {
      const obj = this.g.local('st', `S.st[${num(n)}]`);
      const cols = Array.from({ length: this.stores.defs[n]!.width }, (_, i) => this.g.local('sc', `${obj}.c[${num(i)}]`));
      this.storeLocals.set(n, (l = { obj, cols }));
    }
    return l;
  }

  /** Room for one more element of store `n`; `j` gets its index. */
  private grow(n: number, j: string): { obj: string; cols: string[] } {
    const l = this.store(n);
    this.emit(`if (${l.obj}.n === ${l.obj}.cap) { R.grow(${l.obj}); ${l.cols.map((c, i) => `${c} = ${l.obj}.c[${num(i)}];`).join(' ')} }`);
    this.emit(`${j} = ${l.obj}.n;`);
    return l;
  }

  copy(id: string): Copy {
    let c = this.copies.get(id);
    if (!c) this.copies.set(id, (c = { set: this.g.local('cs', 'false'), off: this.g.local('co'), size: this.g.local('cz') }));
    return c;
  }

  private pastEnd(field: FieldDef, at: string, needed: string, pos: Pos): void {
    this.emit(`if (${at} + ${needed} > len) {`);
    this.cov(this.branches.pastEnd.get(field));
    this.crash(this.model.pastEndCode, pos.rec.segs, pos.rec.off, `{ needed: ${needed}, at: ${at}, what: ${this.g.k(field.id)}, fileSize: len }`);
    this.emit(`break ${pos.halt}; }`);
  }

  /** One value of `field` at `at` (a local that does not change while it is read). */
  readOne(field: FieldDef, at: string, o: One): Read {
    const t = field.type;
    const end = this.g.local('e');
    switch (t.kind) {
      case 'int': {
        const w = INT_WIDTH[t.int];
        this.pastEnd(field, at, num(w), o.pos);
        let value: SlotValue = { k: 'opaque' };
        if (w <= 4 && o.index === undefined) {
          const v = this.g.local('v');
          this.emit(`${v} = ${intGetter(t.int, t.endian === 'le', at)};`);
          const [lo, hi] = INT_RANGE[t.int];
          value = { k: 'int', code: v, lo, hi };
        }
        this.emit(`${end} = ${at} + ${num(w)};`);
        return { end, value };
      }
      case 'bytes': case 'str': {
        const n = this.g.local('n');
        this.size(n, field.size!, o.index === undefined ? o.scope : o.scope.withIndex(o.index), `break ${o.pos.halt};`);
        if (o.atRoot && this.model.copies.has(field.id)) {
          const c = this.copy(field.id);
          this.emit(`${c.set} = true; ${c.off} = ${at}; ${c.size} = ${n};`);
        }
        this.emit(`if (${n} > 0) {`);
        this.pastEnd(field, at, n, o.pos);
        this.emit('}');
        if (o.ctx) {
          const path = field.reportAtStruct ? o.ctx.frame.path : [...o.segs, o.key];
          this.content(`${o.ctx.ruleDef.name}.${field.id}`, path, field.reportAtStruct ? o.ctx.start : at, n, `R.text(bytes, ${at}, ${n})`, 'true', 'true');
        }
        this.emit(`${end} = ${at} + ${n};`);
        return { end, value: { k: 'opaque' } };
      }
      case 'struct': {
        const sub = this.struct(this.def(t.struct), at, o, end);
        return { end, value: { k: 'obj', frame: sub } };
      }
      case 'switch':
        this.switchField(field, at, o, end);
        return { end, value: field.inline && o.ctx ? undefined : { k: 'opaque' } };
      case 'bits':
        // Refused when the model loads (src/model/load/schema-support.ts); the interpreter would say so too.
        throw new Unsupported('bit fields');
    }
  }

  private def(name: string): StructDef {
    const d = this.model.schema.types.get(name);
    if (!d) throw new Unsupported(`type ${name} is missing`);
    return d;
  }

  private nest(pos: Pos, name: string): Pos {
    if (pos.stack.includes(name)) throw new Unsupported(`type ${name} contains itself`);
    if (pos.depth >= MAX_NESTING) throw new Unsupported('nesting deeper than the interpreter follows');
    return { ...pos, depth: pos.depth + 1, stack: [...pos.stack, name] };
  }

  /** readStruct: a new scope, its fields from `at`; the end into `end`. */
  private struct(def: StructDef, at: string, o: One, end: string): Frame {
    const sub = new Frame(def, o.scope, o.index, [...o.segs, o.key]);
    for (const f of def.fields) sub.slot(f);
    const start = this.g.local('s');
    this.emit(`${start} = ${at};`);
    const c = this.fields({ frame: sub, ruleDef: def, start }, start, this.nest(o.pos, def.name));
    this.emit(`${end} = ${c};`);
    return sub;
  }

  private switchField(field: FieldDef, at: string, o: One, end: string): void {
    const t = field.type;
    if (t.kind !== 'switch') return;
    const tag = this.g.local('g');
    const v = this.exprs.int(t.on.ast, o.scope);
    this.tryInto(tag, v.code, `break ${o.pos.halt};`);
    const ctx = field.inline ? o.ctx : undefined;
    const atSegs = ctx || field.reportAtStruct ? o.scope.path : [...o.segs, o.key];
    const atOff = ctx ? ctx.start : at;
    const key = `${o.ctx?.ruleDef.name ?? ''}.${field.id}`;
    const d = this.model.switches.findIndex((s) => `${s.struct}.${s.field}` === key);
    if (d >= 0) {
      const ia = this.g.local('ia', `P.ia[${num(d)}]`);
      this.emit(`if (!(${tag} >= 0 && ${tag} < 256 ? ${ia}[${tag}] === 1 : P.is[${d}].has(${tag}))) {`);
      this.cov(this.branches.unimplemented.get(field));
      this.crash(this.model.switches[d]!.code, atSegs, atOff, `{ actual: ${tag}, implemented: P.il[${d}].slice() }`);
      this.emit(`break ${o.pos.halt}; }`);
    }
    this.emit(`switch (${tag}) {`);
    const caseFields = new Set<string>();
    for (const [value, name] of t.cases) {
      this.emit(`case ${num(value)}: {`);
      this.cov(this.branches.caseTaken.get(field)?.get(value));
      const caseDef = this.def(name);
      if (ctx) {
        // The case's fields are the struct's own (no nesting in paths), read only in this case.
        for (const f of caseDef.fields) {
          const outer = ctx.frame.fields.get(f.id);
          if (outer && !caseFields.has(f.id)) throw new Unsupported(`case ${name} repeats field ${f.id} of ${ctx.frame.def.name}`);
          caseFields.add(f.id);
          ctx.frame.fields.set(f.id, { field: f, state: 'unset' });
        }
        const c = this.fields({ ...ctx, ruleDef: caseDef }, at, this.nest(o.pos, caseDef.name));
        this.emit(`${end} = ${c};`);
      } else this.struct(caseDef, at, o, end);
      this.emit('break; }');
    }
    this.emit('default: {');
    this.cov(this.branches.unknownTag.get(field));
    this.crash(t.unknownCode, atSegs, atOff, `{ actual: ${tag}, allowed: ${this.g.k([...t.cases.keys()])}.slice() }`);
    this.emit(`break ${o.pos.halt}; }`);
    this.emit('}');
    if (ctx) for (const id of caseFields) ctx.frame.fields.get(id)!.state = 'unknown';
  }

  /** readFields: the fields of `ctx.ruleDef` in order from `start`; returns the cursor's local. */
  fields(ctx: SCtx, start: string, pos: Pos): string {
    const c = this.g.local('c');
    this.emit(`${c} = ${start};`);
    const inputs = this.model.inputs;
    for (const field of ctx.ruleDef.fields) {
      const slot = ctx.frame.slot(field);
      const key = `${ctx.ruleDef.name}.${field.id}`;
      if (inputs && inputs.record === ctx.ruleDef.name && inputs.reads === field.id) this.register(ctx);
      if (field.view) {
        slot.state = 'unknown';
        this.view(field, ctx, key);
      } else if (field.at) {
        slot.state = 'unknown';
        const l = this.g.label();
        this.emit(`${l}: {`);
        const a = this.g.local('a');
        this.size(a, field.at, ctx.frame, `break ${l};`);
        this.readOne(field, a, { scope: ctx.frame, ctx, atRoot: false, segs: ctx.frame.path, key: this.g.k(field.id), pos: { ...pos, halt: l } });
        this.emit('}');
      } else {
        const reads = inputs && inputs.record === ctx.ruleDef.name && inputs.reads === field.id;
        this.inline(field, ctx.frame, ctx, c, pos, false, ctx.frame.path, reads ? BIND : undefined);
      }
      for (const l of this.model.lookups) if (`${l.struct}.${l.after}` === key) this.lookup(l, ctx);
    }
    return c;
  }

  /**
   * readInline: a field at the cursor `cur` (advanced past it). `store`: the elements are kept
   * (a root table's columns, or the input binding's elements). Returns the slot's value.
   */
  inline(field: FieldDef, frame: Frame, ctx: SCtx | undefined, cur: string, pos: Pos, atRoot: boolean, segs: readonly string[], store: number | undefined): SlotValue | undefined {
    const slot = frame.slot(field);
    slot.state = 'unknown';
    const key = this.g.k(field.id);
    if (!field.repeat) {
      const off = this.g.local('o');
      this.emit(`${off} = ${cur};`);
      const r = this.readOne(field, off, { scope: frame, ctx, atRoot, segs, key, pos });
      this.emit(`${cur} = ${r.end};`);
      if (r.value) Object.assign(slot, { state: 'set', value: r.value, off });
      return r.value;
    }
    const t = field.type;
    const arraySegs = [...segs, key];
    const start = this.g.local('a');
    const count = this.g.local('k');
    this.emit(`${start} = ${cur}; ${count} = 0;`);
    const records = atRoot || t.kind === 'struct' || t.kind === 'switch';
    const n = this.g.local('n');
    if (field.repeatBytes) {
      this.size(n, field.repeatBytes, frame, `break ${pos.halt};`);
      this.emit(`${n} = ${cur} + ${n};`);
    } else this.size(n, field.repeat, frame, `break ${pos.halt};`);
    const i = this.g.local('i');
    this.emit(`for (${i} = 0; ${field.repeatBytes ? `${cur} < ${n}` : `${i} < ${n}`}; ${i}++) {`);
    this.spend();
    const el = this.g.local('o');
    this.emit(`${el} = ${cur};`);
    const rec = records ? { segs: [...arraySegs, i], off: el } : pos.rec;
    const r = this.readOne(field, el, { scope: frame, index: i, atRoot: false, segs: arraySegs, key: i, pos: { ...pos, rec } });
    this.emit(`${count} = ${i} + 1;`);
    if (store !== undefined) this.keep(store, r, el);
    if (field.repeatBytes) this.emit(`if (${r.end} <= ${cur}) break ${pos.halt};`);
    this.emit(`${cur} = ${r.end};`);
    this.emit('}');
    const value: SlotValue = t.kind === 'int' ? { k: 'intarr', start, count, type: t.int, le: t.endian === 'le' } : { k: 'opaque' };
    Object.assign(slot, { state: 'set', value, off: start });
    return value;
  }

  /** An element read completely: bound to its record's inputs, or into its store's columns. */
  private keep(store: number, r: Read, el: string): void {
    if (r.value?.k !== 'obj') throw new Unsupported('kept elements must be structs');
    const sub = r.value.frame;
    if (store === BIND) return this.bind(sub, el);
    const j = this.g.local('j');
    const { obj, cols } = this.grow(store, j);
    const def = this.stores.defs[store]!;
    const val = (id: string): SlotValue => {
      const s = sub.fields.get(id);
      if (!s || s.state !== 'set' || !s.value) throw new Unsupported(`${id} is not read in every element`);
      return s.value;
    };
    for (const [id, col] of def.columns) {
      const v = val(id);
      if (v.k !== 'int') throw new Unsupported(`${id} is not an integer`);
      this.emit(`${cols[col.index]}[${j}] = ${v.code}; ${cols[def.offsets.get(id)!]}[${j}] = ${sub.fields.get(id)!.off!};`);
    }
    for (const [id, a] of def.arrays) {
      const v = val(id);
      if (v.k !== 'intarr') throw new Unsupported(`${id} is not an integer array`);
      this.emit(`${cols[a.start]}[${j}] = ${v.start}; ${cols[a.count]}[${j}] = ${v.count};`);
    }
    this.emit(`${cols[def.start]}[${j}] = ${el};`);
    this.emit(`${obj}.n = ${j} + 1;`);
  }

  /** Per record site: the locals of its key and of the inputs the profile supplies for it. */
  private readonly records = new Map<Frame, { key: string; sup: string }>();

  /**
   * The record's head is read: it takes part in input binding. Its key is evaluated now (nothing
   * it may read changes later; the compiler refuses expressions on fields read after this point).
   */
  private register(ctx: SCtx): void {
    const key = this.g.local('q');
    const sup = this.g.local('p', 'undefined');
    this.records.set(ctx.frame, { key, sup });
    this.tryInto(key, this.deferred.int(this.model.inputs!.key.ast, ctx.frame).code, `${key} = NaN;`);
    this.emit(`${sup} = undefined; if (${key} === ${key}) { ${sup} = P.inp.get(${key}); if (${sup} === undefined) {`);
    this.cov(this.branches.keyUnsupplied);
    this.emit(`R.unused(S, ${key}); } }`);
  }

  /**
   * bindInputs for one element, as soon as it is read (the interpreter does it after the load, in
   * the same order): only the reads it reports are kept, and the fault is chosen afterwards.
   */
  private bind(sub: Frame, el: string): void {
    const inputs = this.model.inputs!;
    const rec = sub.parent && this.records.get(sub.parent);
    if (!rec || sub.index === undefined) throw new Unsupported('an input element outside its record');
    const [kp, ix, kd] = [this.g.local('w'), this.g.local('x'), this.g.local('y')];
    const index = this.deferred.int(inputs.index.ast, sub).code;
    const path = pathCode([...sub.parent!.path, this.g.k(inputs.reads), sub.index]);
    this.emit(`if (${rec.sup} !== undefined) {`);
    this.tryInto(kp, `${this.deferred.bool(inputs.when.ast, sub).code} ? 1 : 0`, `${kp} = 0;`);
    this.emit(`if (${kp} === 1) {`);
    this.tryInto(ix, index, `${kp} = 2;`);
    this.tryInto(kd, this.deferred.int(inputs.kind.ast, sub).code, `${kp} = 2;`);
    this.emit(`} else {`);
    // A skipped element's input number, for the latent hazard (3: it has none).
    if (inputs.latent) this.tryInto(ix, index, `${kp} = 3;`);
    this.emit('}');
    this.emit(`if (${kp} === 1) {`);
    this.emit(`if (${ix} >= 0 && ${ix} < ${rec.sup}.length) { if (${kd} === ${rec.sup}[${ix}]) {`);
    this.cov(this.branches.inputRead);
    this.emit('} else {');
    this.cov(this.branches.inputKind);
    this.emit(`R.confused(S, P, ${rec.key}, ${rec.sup}, ${ix}, ${kd}, ${path}, ${el}); } } else {`);
    this.cov(this.branches.inputOob);
    this.emit(`R.oob(S, P, ${rec.key}, ${rec.sup}, ${ix}, ${path}, ${el}); }`);
    this.emit(`} else if (${kp} !== 2) {`);
    this.cov(this.branches.inputSkip);
    if (inputs.latent) {
      this.emit(`if (${kp} === 0 && (${ix} < 0 || ${ix} >= ${rec.sup}.length)) {`);
      this.cov(this.branches.inputLatent);
      this.emit(`R.latent(S, P, ${rec.key}, ${rec.sup}, ${ix}, ${path}, ${el}); }`);
    }
    this.emit('} }');
  }

  private view(field: FieldDef, ctx: SCtx, key: string): void {
    const v = field.view!.ast;
    if (v.kind !== 'member') throw new Unsupported(`a view into ${v.kind}`);
    const c = this.copy(v.name);
    const l = this.g.label();
    this.emit(`${l}: if (${c.set}) {`);
    const [a, s] = [this.g.local('a'), this.g.local('z')];
    this.size(a, field.at!, ctx.frame, `break ${l};`);
    this.size(s, field.size!, ctx.frame, `break ${l};`);
    const path = field.reportAtStruct ? ctx.frame.path : [...ctx.frame.path, this.g.k(field.id)];
    const out = this.g.local('u', 'false');
    const b = this.g.local('b');
    this.emit(`${out} = ${a} + ${s} > ${c.size};`);
    this.emit(`if (${out}) {`);
    this.cov(this.branches.viewOutside.get(field));
    this.crash(field.atCode, path, ctx.start, `{ end: ${a} + ${s}, size: ${c.size}, at: ${a} }`);
    this.emit('}');
    this.emit(`${b} = ${c.off} + ${a};`);
    this.content(key, path, ctx.start, s, `R.text(bytes, ${b}, ${s})`, `!${out}`, `!${out} && ${b} + ${s} <= len`);
    this.emit('}');
  }

  /** checkContent: the buffers a sized field is copied into, then the engines that compile it. */
  private content(key: string, path: readonly string[], off: string, size: string, text: string, inBounds: string, hasText: string): void {
    const buffers = this.model.buffers.map((b, i) => [b, i] as const).filter(([b]) => `${b.struct}.${b.field}` === key);
    const engines = this.model.engines.filter((e) => `${e.struct}.${e.field}` === key);
    if (buffers.length === 0 && engines.length === 0) return;
    const ov = this.g.local('f', 'false');
    this.emit(`${ov} = false;`);
    for (const [b, i] of buffers) {
      this.emit(`if (${size} > P.bm[${i}]) { ${ov} = true;`);
      this.cov(this.branches.overflow.get(b));
      this.emit(`S.loadIssues.push({ code: ${this.g.k(b.code)}, path: ${pathCode(path)}, offset: ${off}, details: { length: ${size}, max: P.bm[${i}] } });`);
      this.emit(`if (${inBounds}) {`);
      this.crash(b.code, path, off, `{ length: ${size}, max: P.bm[${i}] }`);
      this.emit('} }');
    }
    if (engines.length === 0) return;
    const l = this.g.label();
    const x = this.g.local('x', "''");
    const r = this.g.local('r', 'null');
    this.emit(`${l}: if (!${ov} && ${inBounds} && ${hasText} && S.fault === null) {`);
    this.emit(`${x} = ${text};`);
    for (const e of engines) {
      this.emit(`${r} = R.engine(S, ${x});`);
      this.emit(`if (${r} === R.UNCHECKED) { if (S.unjudged === undefined) S.unjudged = { path: ${pathCode(path)}, offset: ${off}, reason: S.why }; break ${l}; }`);
      this.emit(`if (${r} === null) {`);
      this.cov(this.branches.engineOk.get(e));
      this.emit('} else {');
      this.cov(this.branches.engineReject.get(e));
      this.crash(e.code, path, off, `{ pattern: ${x}, reason: ${r} }`);
      this.emit('}');
    }
    this.emit('}');
  }

  private lookup(l: LookupDispatch, ctx: SCtx): void {
    const name: Expr = { kind: 'name', name: l.let };
    const v = this.exprs.compile(name, ctx.frame);
    let isNull: string;
    if (v.k === 'ref' && v.nullable) isNull = `${v.code} === -1`;
    else if (v.k === 'int' && v.nullable) isNull = `${v.code} === null`;
    else if (v.k === 'null') isNull = 'true';
    else if (v.k === 'ref' || v.k === 'int' || v.k === 'bool') return; // never null, and evaluating it changes nothing
    else throw new Unsupported(`lookup ${l.let} is ${v.k}`);
    const at = ctx.frame.fields.get(l.at);
    if (!at || at.state !== 'set' || at.value?.k !== 'int' || at.off === undefined) throw new Unsupported(`lookup ${l.let} at ${l.at}, which is not an integer read before it`);
    const u = this.g.local('u', 'false');
    this.tryInto(u, isNull, `${u} = false;`);
    this.emit(`if (${u}) {`);
    this.cov(this.branches.lookupNull.get(l));
    this.crash(l.code, [...ctx.frame.path, this.g.k(l.at)], at.off, `{ [${this.g.k(l.at)}]: ${at.value.code} }`);
    this.emit('}');
  }
}
