import { caseStructs, INT_WIDTH, type CompiledExpr, type Expr, type FieldDef, type FormatSchema, type StructDef, type ValidDef } from '../../schema/index.js';

/** The schema uses something the compiled validator does not compile: every file then goes to the full pipeline. */
export class Unsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unsupported';
  }
}

/** Structs nested deeper than this are not inlined (the full pipeline has its own nesting limit). */
const MAX_INLINE_DEPTH = 24;
/** Generated source past this many characters is refused (a schema that inlines into a huge function). */
const MAX_SOURCE = 2_000_000;

/** Only integers checked here reach the source. */
function num(n: number | bigint): string {
  const v = typeof n === 'bigint' ? Number(n) : n;
  if (!Number.isSafeInteger(v) || (typeof n === 'bigint' && BigInt(v) !== n)) throw new Unsupported(`the constant ${String(n)} is not a safe integer`);
  return v < 0 ? `(${v})` : String(v);
}

/** Where a field sits: start and end offsets (expressions over locals), for offsetof/sizeof/end. */
interface Loc { readonly start: string; readonly end: string }

/** What an expression is, known while generating; its code gives the value at run time. */
type Ty =
  | { readonly k: 'int' }
  | { readonly k: 'bool' }
  | { readonly k: 'null' }
  | { readonly k: 'str'; readonly value: string }
  | { readonly k: 'io' }
  /** A struct being walked (its scope): names resolve statically. */
  | { readonly k: 'frame'; readonly frame: Frame; readonly object?: true }
  /** A decoded struct object found by value (lookup, an array element): its offset, -1 for null. */
  | { readonly k: 'ref'; readonly struct: string }
  /** An integer array: its start and count. */
  | { readonly k: 'ints'; readonly off: string; readonly count: string; readonly read: (o: string) => string; readonly width: number }
  /** An array of structs already walked: count, and element offsets where kept. */
  | { readonly k: 'structs'; readonly arr: StructArray }
  | { readonly k: 'bytes'; readonly off: string; readonly len: string; readonly text: boolean }
  /** A non-inline switch value: only its location is known. */
  | { readonly k: 'opaque' };

interface Val { readonly code: string; readonly ty: Ty; readonly loc?: Loc | undefined }

interface StructArray {
  readonly struct: string;
  readonly count: string;
  /** The local holding element offsets (a plain array), or undefined when they are not kept. */
  readonly offs: string | undefined;
  readonly lookups: Map<string, string>;
}

interface Frame {
  readonly struct: StructDef;
  readonly parent: Frame | null;
  readonly root: Frame;
  /** `_index` in this struct's scope. */
  readonly index: string | undefined;
  readonly names: Map<string, Val>;
  readonly lets: Map<string, { readonly val: Val; readonly flag: string }>;
  readonly busy: Set<string>;
  /** Fields of the struct not yet walked: naming one is refused. */
  readonly pending: Set<string>;
}

/** A scope as expressions see it: a frame, and `_index` (an element scope has its own). */
interface Scope { readonly frame: Frame; readonly index: string | undefined }

export interface Generated {
  readonly source: string;
  readonly consts: readonly unknown[];
}

/**
 * Straight-line JavaScript for one schema: one function that walks the bytes with the schema's
 * layout (structs inlined where used, values in locals, no object per field) and evaluates every
 * structural rule the checks evaluate, returning 1 only when none of them has anything to say.
 * Every other outcome (a rule that fails, a value it cannot represent, a budget) returns 0 or
 * throws BAIL: "not decided here". The full pipeline is the definition; this only answers the
 * clean case sooner.
 */
export class ValidatorGen {
  private readonly out: string[] = [];
  private readonly decls: string[] = [];
  private readonly consts: unknown[] = [];
  private readonly prelude: string[] = [];
  private n = 0;
  private depth = 0;
  private sourceChars = 0;
  private readonly referenced: Set<string>;
  private readonly onStack: string[] = [];

  constructor(private readonly schema: FormatSchema) {
    this.referenced = referencedNames(schema);
  }

  generate(): Generated {
    const root = this.struct(this.schema.root);
    const frame: Frame = this.newFrame(root, null, undefined);
    this.walkStruct(frame, '0');
    const body = this.out.join('\n');
    const source = [
      '"use strict";',
      'return function validate(b, dv, N, NL, DL, C) {',
      `let T = 0, TT = 4096;`,
      this.decls.length ? `let ${this.decls.join(', ')};` : '',
      ...this.prelude,
      body,
      'return 1;',
      '};',
    ].join('\n');
    if (source.length > MAX_SOURCE) throw new Unsupported('the generated validator would be too large');
    return { source, consts: this.consts };
  }

  // ---- locals and constants ----

  private local(init: string, prefix = 'v'): string {
    const name = `${prefix}${this.n++}`;
    this.decls.push(`${name} = ${init}`);
    return name;
  }

  private konst(v: unknown): string {
    this.consts.push(v);
    return `K[${this.consts.length - 1}]`;
  }

  private emit(line: string): void {
    // Checked as it grows: a schema whose structs inline into each other many times over would
    // otherwise build a huge source before the final check.
    this.sourceChars += line.length + 1;
    if (this.sourceChars > MAX_SOURCE) throw new Unsupported('the generated validator would be too large');
    this.out.push(line);
  }

  private struct(name: string): StructDef {
    const s = this.schema.types.get(name);
    if (!s) throw new Unsupported(`type ${name} is not defined`);
    if (s.params?.length) throw new Unsupported(`type ${name} has parameters`);
    return s;
  }

  private newFrame(struct: StructDef, parent: Frame | null, index: string | undefined): Frame {
    const f: Frame = {
      struct, parent, root: undefined as unknown as Frame, index,
      names: new Map(), lets: new Map(), busy: new Set(), pending: new Set(pendingNames(struct, this.schema)),
    };
    (f as { root: Frame }).root = parent ? parent.root : f;
    return f;
  }

  /** Counts `k` nodes (at least what the decoder counts) and reads the clock every 4096. */
  private spend(k: string): void {
    this.emit(`T += ${k}; if (T > NL) return 0; if (T > TT) { if (R.now() > DL) return 0; TT = T + 4096; }`);
  }

  // ---- structs and fields ----

  /** Walks a struct's fields from `start`; returns the local holding its end (the cursor after its sequential fields). */
  private walkStruct(frame: Frame, start: string): string {
    const def = frame.struct;
    if (this.onStack.includes(def.name)) throw new Unsupported(`type ${def.name} is recursive`);
    if (++this.depth > MAX_INLINE_DEPTH) throw new Unsupported('structs nest too deeply to inline');
    this.onStack.push(def.name);
    const c = this.local('0', 'c');
    this.emit(`${c} = ${start};`);
    // Its fields' nodes at once (an inline switch's case spends its own): never fewer than the decoder counts.
    this.spend(num(def.fields.length + 1));
    // Let memo flags are reset where the struct starts (each element has its own lets).
    const resetAt = this.out.length;
    this.emit('');
    this.walkFields(frame, def.fields, c);
    const end = this.local('0', 'e');
    this.emit(`${end} = ${c};`);
    for (const a of def.asserts) this.rule(a.rule, { frame, index: frame.index });
    const flags = [...frame.lets.values()].map((l) => l.flag);
    this.out[resetAt] = flags.length ? `${flags.join(' = ')} = false;` : '';
    this.onStack.pop();
    this.depth--;
    return end;
  }

  /**
   * Sequential fields in order, then placed and view fields that are not structs, then placed
   * structs: a placed field's offset never depends on the cursor, and records usually point into
   * a pool that comes after them. The order of evaluation does not change the answer: any rule
   * that fails ends the walk with "not decided".
   */
  private walkFields(frame: Frame, fields: readonly FieldDef[], c: string): void {
    const placed = (f: FieldDef) => !!f.at || !!f.view;
    const isStruct = (f: FieldDef) => f.type.kind === 'struct' || f.type.kind === 'switch';
    const order = [
      ...fields.filter((f) => !placed(f)),
      ...fields.filter((f) => placed(f) && !isStruct(f)),
      ...fields.filter((f) => placed(f) && isStruct(f)),
    ];
    for (const f of order) this.field(frame, f, c);
  }

  private field(frame: Frame, f: FieldDef, c: string): void {
    refuse(f);
    const scope: Scope = { frame, index: frame.index };
    const t = f.type;
    if (t.kind === 'switch' && f.inline) {
      if (f.repeat || f.at) throw new Unsupported(`${f.id}: an inline switch that repeats or is placed`);
      this.switchCases(frame, f, scope, c, true);
      frame.pending.delete(f.id);
      return;
    }
    if (f.repeat || f.repeatBytes) this.array(frame, f, scope, c);
    else this.single(frame, f, scope, c);
    frame.pending.delete(f.id);
  }

  private single(frame: Frame, f: FieldDef, scope: Scope, c: string): void {
    const t = f.type;
    const o = this.local('0', 'o');
    if (f.view) {
      this.viewField(frame, f, scope, o);
      return;
    }
    this.emit(`${o} = ${f.at ? this.size(f.at, scope) : c};`);
    // A placed field must start inside the file (BAD_OFFSET otherwise); at its very end, not decided here.
    if (f.at) this.emit(`if (${o} >= N) return 0;`);
    switch (t.kind) {
      case 'int': {
        const w = INT_WIDTH[t.int];
        this.emit(`if (${o} + ${w} > N) return 0;`);
        const needed = this.referenced.has(f.id) || f.valid.length > 0 || !!f.checksum;
        const v = needed ? this.local('0') : '0';
        if (needed) this.emit(`${v} = ${readInt(t.int, t.endian, o)};`);
        const val: Val = { code: v, ty: { k: 'int' }, loc: { start: o, end: `(${o} + ${w})` } };
        frame.names.set(f.id, val);
        this.intRules(f, v, scope, false);
        if (!f.at) this.emit(`${c} = ${o} + ${w};`);
        return;
      }
      case 'bytes': case 'str': {
        if (!f.size) throw new Unsupported(`${f.id}: bytes without a size`);
        const len = this.local('0', 'n');
        this.emit(`${len} = ${this.size(f.size, scope)};`);
        this.emit(`if (${o} + ${len} > N) return 0;`);
        frame.names.set(f.id, { code: '0', ty: { k: 'bytes', off: o, len, text: t.kind === 'str' }, loc: { start: o, end: `(${o} + ${len})` } });
        this.bytesRules(f, o, len);
        if (!f.at) this.emit(`${c} = ${o} + ${len};`);
        return;
      }
      case 'struct': {
        if (t.args) throw new Unsupported(`${f.id}: a parametric type`);
        const child = this.newFrame(this.struct(t.struct), frame, undefined);
        const end = this.walkStruct(child, o);
        // A struct field's value is a decoded object: its fields only, no lets (the evaluator's memberValue).
        frame.names.set(f.id, { code: '0', ty: { k: 'frame', frame: child, object: true }, loc: { start: o, end } });
        if (!f.at) this.emit(`${c} = ${end};`);
        this.structFieldRules(f);
        return;
      }
      case 'switch': {
        const end = this.switchCases(frame, f, scope, o, false);
        frame.names.set(f.id, { code: '0', ty: { k: 'opaque' }, loc: { start: o, end: end! } });
        if (!f.at) this.emit(`${c} = ${end};`);
        this.structFieldRules(f);
        return;
      }
      default: throw new Unsupported(`${f.id}: ${t.kind} fields`);
    }
  }

  /** A str or bytes field read from a window of another bytes field (a string pool). */
  private viewField(frame: Frame, f: FieldDef, scope: Scope, o: string): void {
    if (!f.at || !f.size || (f.type.kind !== 'str' && f.type.kind !== 'bytes')) throw new Unsupported(`${f.id}: a view needs at and size`);
    const region = this.expr(f.view!.ast, scope);
    if (region.ty.k !== 'bytes') throw new Unsupported(`${f.id}: the view is not a bytes field`);
    const at = this.local('0', 'a');
    const len = this.local('0', 'n');
    this.emit(`${at} = ${this.size(f.at, scope)}; ${len} = ${this.size(f.size, scope)};`);
    this.emit(`if (${at} + ${len} > ${region.ty.len}) return 0;`);
    this.emit(`${o} = ${region.ty.off} + ${at};`);
    frame.names.set(f.id, { code: '0', ty: { k: 'bytes', off: o, len, text: f.type.kind === 'str' }, loc: { start: o, end: `(${o} + ${len})` } });
    this.bytesRules(f, o, len, { off: region.ty.off, len: region.ty.len });
  }

  /** Cases of a switch at `start`; inline cases add their fields to the holder. Returns the end local (non-inline). */
  private switchCases(frame: Frame, f: FieldDef, scope: Scope, start: string, inline: boolean): string | undefined {
    const t = f.type;
    if (t.kind !== 'switch') throw new Unsupported('not a switch');
    if (t.textCases?.size || t.defaultCase !== undefined || t.caseArgs?.size) throw new Unsupported(`${f.id}: text cases, a default or case arguments`);
    const tag = this.expr(t.on.ast, scope);
    if (tag.ty.k !== 'int') throw new Unsupported(`${f.id}: a switch on a value that is not an integer`);
    const tv = this.local('0', 't');
    const end = inline ? undefined : this.local('0', 'e');
    this.emit(`${tv} = ${tag.code};`);
    this.emit(`switch (${tv}) {`);
    for (const [key, name] of t.cases) {
      this.emit(`case ${num(key)}: {`);
      if (inline) {
        const def = this.struct(name);
        if (def.fields.length) this.spend(num(def.fields.length));
        const before = new Map(frame.names);
        for (const p of pendingNames(def, this.schema)) frame.pending.add(p);
        this.walkFields(frame, def.fields, start);
        for (const a of def.asserts) this.rule(a.rule, scope);
        for (const p of pendingNames(def, this.schema)) frame.pending.delete(p);
        // The case's fields exist only in this branch.
        frame.names.clear();
        for (const [k, v] of before) frame.names.set(k, v);
      } else {
        const child = this.newFrame(this.struct(name), frame, undefined);
        const e = this.walkStruct(child, start);
        this.emit(`${end} = ${e};`);
      }
      this.emit('break; }');
    }
    this.emit('default: return 0; }');
    return end;
  }

  private array(frame: Frame, f: FieldDef, scope: Scope, c: string): void {
    const t = f.type;
    const i = this.local('0', 'i');
    const elem: Scope = { frame, index: i };
    if (f.repeatBytes) {
      if (f.at || t.kind !== 'struct') throw new Unsupported(`${f.id}: repeat_bytes of a placed field or of a non-struct`);
      const total = this.local('0', 'n');
      const start = this.local('0', 'o');
      const end = this.local('0', 'e');
      this.emit(`${total} = ${this.size(f.repeatBytes, scope)}; ${start} = ${c}; ${end} = ${c} + ${total};`);
      this.emit(`if (${end} > N) return 0;`);
      const arr = this.structArray(f, t.struct, i);
      this.emit(`for (${i} = 0; ${c} < ${end}; ${i}++) {`);
      const before = c;
      const prev = this.local('0', 'p');
      this.emit(`${prev} = ${before};`);
      this.structElement(frame, t.struct, arr, c, c, elem);
      this.emit(`if (${c} <= ${prev}) return 0; }`);
      this.emit(`if (${c} !== ${end}) return 0;`);
      this.emit(`${arr.count} = ${i};`);
      this.spend('1');
      frame.names.set(f.id, { code: '0', ty: { k: 'structs', arr }, loc: { start, end } });
      this.arrayRules(f);
      return;
    }
    const count = this.local('0', 'n');
    this.emit(`${count} = ${this.size(f.repeat!, scope)};`);
    this.spend(`${count} + 1`);
    if (t.kind === 'int') {
      if (f.at) throw new Unsupported(`${f.id}: a placed integer array`);
      if (f.contents || f.pattern || f.unique || f.placement) throw new Unsupported(`${f.id}: contents, pattern, unique or placement on integers`);
      const w = INT_WIDTH[t.int];
      const start = this.local('0', 'o');
      this.emit(`${start} = ${c}; if (${c} + ${count} * ${w} > N) return 0;`);
      const read = (o: string) => readInt(t.int, t.endian, o);
      // Known before its elements' rules run: they may index the array itself (`xs[_index]`).
      frame.names.set(f.id, { code: '0', ty: { k: 'ints', off: start, count, read, width: w }, loc: { start, end: `(${start} + ${count} * ${w})` } });
      if (f.valid.length || f.checksum) {
        const v = this.local('0');
        this.emit(`for (${i} = 0; ${i} < ${count}; ${i}++) {`);
        this.emit(`${v} = ${readInt(t.int, t.endian, `${start} + ${i} * ${w}`)};`);
        this.intRules(f, v, elem, true);
        this.emit('}');
      }
      this.emit(`${c} = ${start} + ${count} * ${w};`);
      return;
    }
    if (t.kind !== 'struct') throw new Unsupported(`${f.id}: an array of ${t.kind}`);
    if (t.args) throw new Unsupported(`${f.id}: a parametric type`);
    const arr = this.structArray(f, t.struct, count);
    if (f.at) {
      // Records placed by pointers, one by one; placement is judged as they are walked.
      const p = f.placement;
      const lo = this.local('0', 'lo');
      const hi = this.local('0', 'hi');
      const pe = this.local('0', 'pe');
      if (p) this.emit(`${lo} = ${this.size(p.start, scope)}; ${hi} = ${this.size(p.end, scope)}; ${pe} = ${lo};`);
      const at = this.local('0', 'o');
      this.emit(`for (${i} = 0; ${i} < ${count}; ${i}++) {`);
      this.emit(`${at} = ${this.size(f.at, elem)}; if (${at} >= N) return 0;`);
      const e = this.structElement(frame, t.struct, arr, at, undefined, elem);
      if (p) {
        this.emit(`if (${at} < ${lo} || ${e} > ${hi}) return 0;`);
        this.emit(`if (${i} > 0 && ${at} < ${pe}) return 0;`);
        if (p.gapCode) this.emit(`if (${at} > ${pe}) return 0;`);
        this.emit(`${pe} = ${e};`);
      }
      this.emit('}');
      if (p?.gapCode) this.emit(`if (${count} > 0 && ${pe} < ${hi}) return 0;`);
      // A placed array is not a node with a location: offsetof() of it is an evaluation error.
      frame.names.set(f.id, { code: '0', ty: { k: 'structs', arr } });
      this.arrayRules(f, true);
      return;
    }
    const start = this.local('0', 'o');
    this.emit(`${start} = ${c};`);
    this.emit(`for (${i} = 0; ${i} < ${count}; ${i}++) {`);
    this.structElement(frame, t.struct, arr, c, c, elem);
    this.emit('}');
    frame.names.set(f.id, { code: '0', ty: { k: 'structs', arr }, loc: { start, end: c } });
    this.arrayRules(f);
  }

  private structArray(f: FieldDef, struct: string, count: string): StructArray {
    const keep = this.referenced.has(f.id);
    const offs = keep ? this.local('[]', 'A') : undefined;
    if (offs) this.emit(`${offs}.length = 0;`);
    const arr: StructArray = { struct, count, offs, lookups: new Map() };
    if (f.unique) {
      const key = memberAt(this.schema, struct, f.unique.key);
      const set = this.local('new Set()', 'U');
      this.emit(`${set}.clear();`);
      (arr as { unique?: { set: string; key: Member } }).unique = { set, key };
    }
    return arr;
  }

  /** One element of a struct array at `at`; moves `c` to its end when given. Returns the end local. */
  private structElement(frame: Frame, struct: string, arr: StructArray, at: string, c: string | undefined, elem: Scope): string {
    const child = this.newFrame(this.struct(struct), frame, elem.index);
    const s = this.local('0', 's');
    this.emit(`${s} = ${at};`);
    const end = this.walkStruct(child, s);
    if (arr.offs) this.emit(`${arr.offs}.push(${s});`);
    const u = (arr as { unique?: { set: string; key: Member } }).unique;
    if (u) {
      const k = this.local('0', 'k');
      this.emit(`${k} = ${u.key.read(s)}; if (${u.set}.has(${k})) return 0; ${u.set}.add(${k});`);
    }
    if (c) this.emit(`${c} = ${end};`);
    return end;
  }

  // ---- rules ----

  private rule(e: CompiledExpr, scope: Scope): void {
    const v = this.expr(e.ast, scope);
    if (v.ty.k !== 'bool') throw new Unsupported(`the rule ${e.source} is not true or false`);
    this.emit(`if (!(${v.code})) return 0;`);
  }

  private intRules(f: FieldDef, v: string, scope: Scope, element: boolean): void {
    for (const r of f.valid) this.valid(f, r, v, scope);
    if (f.checksum) {
      const ck = f.checksum;
      if (ck.of || ck.algo === 'sha256') throw new Unsupported(`${f.id}: a checksum of a field, or sha256`);
      const from = ck.from ? this.size(ck.from, scope) : '0';
      const to = ck.to ? this.size(ck.to, scope) : 'N';
      const a = this.local('0', 'f');
      const z = this.local('0', 'z');
      this.emit(`${a} = ${from}; ${z} = ${to};`);
      this.emit(`if (${a} > ${z} || ${z} > N || R.CK(${this.konst(ck.algo)}, b, ${a}, ${z}) !== ${v}) return 0;`);
    }
    if (f.contents || f.pattern || f.unique || f.placement) {
      if (f.unique && element) throw new Unsupported(`${f.id}: unique over integers`);
      if (f.contents || f.pattern || f.placement || f.unique) throw new Unsupported(`${f.id}: contents, pattern, unique or placement on an integer`);
    }
  }

  private valid(f: FieldDef, r: ValidDef, v: string, scope: Scope): void {
    const rule = r.rule;
    switch (rule.kind) {
      case 'eq': this.emit(`if (${v} !== ${num(rule.value)}) return 0;`); return;
      case 'range': {
        if (rule.min !== undefined) this.emit(`if (${v} < ${num(rule.min)}) return 0;`);
        if (rule.max !== undefined) this.emit(`if (${v} > ${num(rule.max)}) return 0;`);
        return;
      }
      case 'in': {
        for (const x of rule.values) num(x);
        this.emit(`if (!${this.konst(new Set(rule.values.map((x) => Number(x))))}.has(${v})) return 0;`);
        return;
      }
      case 'mask': {
        num(rule.allowed);
        this.emit(`if (R.BW(0, ${v}, ${this.konst(Number(rule.allowed))}) !== ${v}) return 0;`);
        return;
      }
      case 'enum': {
        const e = this.schema.enums.get(f.enumName ?? '');
        if (!e) throw new Unsupported(`${f.id}: an enum rule without an enum`);
        this.emit(`if (!${this.konst(new Set(e.byValue.keys()))}.has(${v})) return 0;`);
        return;
      }
      case 'expr': this.rule(rule.expr, scope); return;
    }
  }

  /** `pool`: the bytes field a view is a window of (its text is then checked against the pool's, see R.UTF8V). */
  private bytesRules(f: FieldDef, o: string, len: string, pool?: { off: string; len: string }): void {
    if (f.valid.length || f.checksum || f.unique || f.placement) throw new Unsupported(`${f.id}: rules on a bytes or str field`);
    if (f.type.kind === 'str') {
      if (f.type.encoding !== undefined && f.type.encoding !== 'utf-8') throw new Unsupported(`${f.id}: encoding ${f.type.encoding}`);
      // Invalid UTF-8 is a finding when the schema gives it a code, and otherwise changes the
      // text's len(): either way not decided here.
      this.emit(pool ? `if (!R.UTF8V(C, b, ${pool.off}, ${pool.len}, ${o}, ${len})) return 0;` : `if (!R.UTF8(b, ${o}, ${len})) return 0;`);
    }
    if (f.contents) this.emit(`if (!R.EQB(b, ${o}, ${len}, ${this.konst(f.contents.bytes)})) return 0;`);
    if (f.pattern) {
      if (f.type.kind !== 'str') throw new Unsupported(`${f.id}: a pattern that is not text`);
      this.emit(`if (!R.P(C, b, ${o}, ${len}, ${f.pattern.redosCode ? 'true' : 'false'})) return 0;`);
    }
  }

  private structFieldRules(f: FieldDef): void {
    if (f.valid.length || f.checksum || f.contents || f.pattern || f.unique || f.placement) throw new Unsupported(`${f.id}: rules on a struct field`);
  }

  /** Unique keys are checked per element (structElement) and placement in the placed loop: anything else is not compiled. */
  private arrayRules(f: FieldDef, placedDone = false): void {
    if (f.valid.length || f.checksum || f.contents || f.pattern) throw new Unsupported(`${f.id}: value rules on a struct array`);
    if (f.placement && !placedDone) throw new Unsupported(`${f.id}: placement of records that are not placed`);
  }

  /** An expression used as a size, count or offset: a non-negative integer. */
  private size(e: CompiledExpr, scope: Scope): string {
    const v = this.expr(e.ast, scope);
    if (v.ty.k !== 'int') throw new Unsupported(`${e.source} is not an integer`);
    return `R.SZ(${v.code})`;
  }

  // ---- expressions ----

  private expr(e: Expr, s: Scope): Val {
    switch (e.kind) {
      case 'int': return { code: num(e.value), ty: { k: 'int' } };
      case 'bool': return { code: e.value ? 'true' : 'false', ty: { k: 'bool' } };
      case 'null': return { code: '-1', ty: { k: 'null' } };
      case 'str': return { code: '0', ty: { k: 'str', value: e.value } };
      case 'name': return this.name(e.name, s);
      case 'member': return this.member(this.expr(e.object, s), e.name);
      case 'index': return this.index(this.expr(e.object, s), this.expr(e.index, s));
      case 'cond': {
        const t = this.expr(e.test, s);
        if (t.ty.k !== 'bool') throw new Unsupported('a condition that is not true or false');
        const a = this.expr(e.then, s);
        const b = this.expr(e.else, s);
        const ty = joinTy(a.ty, b.ty);
        return { code: `(${t.code} ? ${a.code} : ${b.code})`, ty };
      }
      case 'unary': {
        const v = this.expr(e.operand, s);
        if (e.op === '!') {
          if (v.ty.k !== 'bool') throw new Unsupported('! of a value that is not true or false');
          return { code: `(!${v.code})`, ty: { k: 'bool' } };
        }
        if (v.ty.k !== 'int') throw new Unsupported(`${e.op} of a value that is not an integer`);
        return { code: e.op === '-' ? `R.S(0 - ${v.code})` : `R.NOT(${v.code})`, ty: { k: 'int' } };
      }
      case 'binary': return this.binary(e.op, this.expr(e.left, s), () => this.expr(e.right, s));
      case 'call': return this.call(e.fn, e.args, s);
    }
  }

  private binary(op: string, l: Val, rightOf: () => Val): Val {
    const r = rightOf();
    if (op === '&&' || op === '||') {
      if (l.ty.k !== 'bool' || r.ty.k !== 'bool') throw new Unsupported(`${op} of values that are not true or false`);
      return { code: `(${l.code} ${op} ${r.code})`, ty: { k: 'bool' } };
    }
    if (op === '==' || op === '!=') {
      const eq = this.equal(l, r);
      return { code: op === '==' ? eq : `(!${eq})`, ty: { k: 'bool' } };
    }
    if (l.ty.k !== 'int' || r.ty.k !== 'int') throw new Unsupported(`${op} of values that are not integers`);
    switch (op) {
      case '<': case '<=': case '>': case '>=': return { code: `(${l.code} ${op} ${r.code})`, ty: { k: 'bool' } };
      case '+': case '-': case '*': return { code: `R.S(${l.code} ${op} ${r.code})`, ty: { k: 'int' } };
      case '/': return { code: `R.DV(${l.code}, ${r.code})`, ty: { k: 'int' } };
      case '%': return { code: `R.MD(${l.code}, ${r.code})`, ty: { k: 'int' } };
      case '&': return { code: `R.BW(0, ${l.code}, ${r.code})`, ty: { k: 'int' } };
      case '|': return { code: `R.BW(1, ${l.code}, ${r.code})`, ty: { k: 'int' } };
      case '^': return { code: `R.BW(2, ${l.code}, ${r.code})`, ty: { k: 'int' } };
      case '<<': return { code: `R.BW(3, ${l.code}, ${r.code})`, ty: { k: 'int' } };
      case '>>': return { code: `R.BW(4, ${l.code}, ${r.code})`, ty: { k: 'int' } };
    }
    throw new Unsupported(`operator ${op}`);
  }

  /** The evaluator's `==`: integers by value, booleans, a struct by identity, null only equal to null. */
  private equal(l: Val, r: Val): string {
    const a = l.ty.k;
    const b = r.ty.k;
    // Integers are numbers or (u8/s8 past 2^53) bigints: == compares them exactly, either way.
    if (a === 'int' && b === 'int') return `(${l.code} == ${r.code})`;
    if (a === 'bool' && b === 'bool') return `(${l.code} === ${r.code})`;
    if (a === 'ref' && b === 'ref' && l.ty.struct === r.ty.struct) return `(${l.code} === ${r.code})`;
    if (a === 'ref' && b === 'null') return `(${l.code} < 0)`;
    if (a === 'null' && b === 'ref') return `(${r.code} < 0)`;
    if (a === 'null' && b === 'null') return 'true';
    // A value never equal to null; still evaluated, for the errors it may raise.
    if ((a === 'int' || a === 'bool') && b === 'null') return `(${l.code}, false)`;
    if (a === 'null' && (b === 'int' || b === 'bool')) return `(${r.code}, false)`;
    throw new Unsupported(`== between ${a} and ${b}`);
  }

  private name(name: string, s: Scope): Val {
    const f = s.frame;
    switch (name) {
      case '_root': return { code: '0', ty: { k: 'frame', frame: f.root } };
      case '_parent':
        if (!f.parent) throw new Unsupported('_parent at the root');
        return { code: '0', ty: { k: 'frame', frame: f.parent } };
      case '_index':
        if (s.index === undefined) throw new Unsupported('_index outside a repeat');
        return { code: s.index, ty: { k: 'int' } };
      case '_io': return { code: '0', ty: { k: 'io' } };
      case '_': throw new Unsupported('_');
    }
    const known = f.names.get(name);
    if (known) return known;
    if (f.pending.has(name)) throw new Unsupported(`${name} is used before it is walked`);
    const lets = f.struct.lets;
    if (lets && Object.prototype.hasOwnProperty.call(lets, name)) {
      // The evaluator computes a let in the scope that first asks for it, and an element scope
      // (a repeated field's rules, a placed element's offset) has its own `_index` and may share
      // the struct's let cache: a let that reads `_index` from there is not compiled.
      if (s.index !== f.index && letReadsIndex(f.struct, name)) throw new Unsupported(`let ${name} reads _index from an element scope`);
      return this.letValue(f, name, lets[name]!);
    }
    throw new Unsupported(`${name} is not available in ${f.struct.name}`);
  }

  private letValue(f: Frame, name: string, e: CompiledExpr): Val {
    let l = f.lets.get(name);
    if (!l) {
      if (f.busy.has(name)) throw new Unsupported(`let ${name} depends on itself`);
      f.busy.add(name);
      const v = this.expr(e.ast, { frame: f, index: f.index });
      f.busy.delete(name);
      if (v.ty.k !== 'int' && v.ty.k !== 'bool' && v.ty.k !== 'ref') throw new Unsupported(`let ${name} is not an integer, boolean or record`);
      const memo = this.local(v.ty.k === 'bool' ? 'false' : '0', 'L');
      const flag = this.local('false', 'F');
      // Evaluated where first used, once per struct: as the evaluator's let cache does.
      l = { val: { code: `(${flag} ? ${memo} : (${memo} = ${v.code}, ${flag} = true, ${memo}))`, ty: v.ty }, flag };
      f.lets.set(name, l);
    }
    return l.val;
  }

  private member(obj: Val, name: string): Val {
    const t = obj.ty;
    if (t.k === 'frame') {
      if (t.object) {
        const v = t.frame.names.get(name);
        if (!v) throw new Unsupported(`.${name} is not a field walked in ${t.frame.struct.name}`);
        return v;
      }
      return this.name(name, { frame: t.frame, index: t.frame.index });
    }
    if (t.k === 'io') {
      if (name !== 'size') throw new Unsupported(`_io.${name}`);
      return { code: 'N', ty: { k: 'int' } };
    }
    if (t.k === 'ref') {
      // A decoded object: its own fields only (no lets), null when the object is.
      const m = memberAt(this.schema, t.struct, name);
      const guard = (x: string) => `(${obj.code} < 0 ? R.B() : ${x})`;
      if (m.kind === 'int') return { code: guard(m.read(obj.code)), ty: { k: 'int' } };
      const count = guard(m.count!(obj.code));
      return { code: '0', ty: { k: 'ints', off: `(${obj.code} + ${m.offset})`, count, read: m.read, width: m.width } };
    }
    if (t.k === 'null') throw new Unsupported(`.${name} of null`);
    throw new Unsupported(`.${name} of ${t.k}`);
  }

  private index(obj: Val, i: Val): Val {
    if (i.ty.k !== 'int') throw new Unsupported('an index that is not an integer');
    const t = obj.ty;
    if (t.k === 'ints') {
      const j = this.local('0', 'j');
      return { code: `((${j} = ${i.code}) >= 0 && ${j} < ${t.count} ? ${t.read(`${t.off} + ${j} * ${t.width}`)} : R.B())`, ty: { k: 'int' } };
    }
    if (t.k === 'structs' && t.arr.offs) {
      const j = this.local('0', 'j');
      return { code: `((${j} = ${i.code}) >= 0 && ${j} < ${t.arr.offs}.length ? ${t.arr.offs}[${j}] : R.B())`, ty: { k: 'ref', struct: t.arr.struct } };
    }
    throw new Unsupported(`indexing ${t.k}`);
  }

  private call(fn: string, args: readonly Expr[], s: Scope): Val {
    switch (fn) {
      case 'len': {
        const v = this.expr(args[0]!, s);
        const t = v.ty;
        if (t.k === 'ints') return { code: t.count, ty: { k: 'int' } };
        if (t.k === 'structs') return { code: t.arr.offs ? `${t.arr.offs}.length` : t.arr.count, ty: { k: 'int' } };
        if (t.k === 'bytes') return { code: t.len, ty: { k: 'int' } };
        throw new Unsupported(`len() of ${t.k}`);
      }
      case 'offsetof': case 'sizeof': case 'end': {
        const v = this.expr(args[0]!, s);
        if (!v.loc) throw new Unsupported(`${fn}() of something without a location`);
        const code = fn === 'offsetof' ? v.loc.start : fn === 'end' ? v.loc.end : `(${v.loc.end} - ${v.loc.start})`;
        return { code, ty: { k: 'int' } };
      }
      case 'min': case 'max': {
        const a = this.expr(args[0]!, s);
        const b = this.expr(args[1]!, s);
        if (a.ty.k !== 'int' || b.ty.k !== 'int') throw new Unsupported(`${fn}() of values that are not integers`);
        return { code: `Math.${fn}(${a.code}, ${b.code})`, ty: { k: 'int' } };
      }
      case 'lookup': case 'has': {
        const arr = this.expr(args[0]!, s);
        const key = this.expr(args[1]!, s);
        const want = this.expr(args[2]!, s);
        if (arr.ty.k !== 'structs' || !arr.ty.arr.offs) throw new Unsupported(`${fn}() of something that is not a kept array of records`);
        if (key.ty.k !== 'str') throw new Unsupported(`${fn}() with a key that is not a literal`);
        if (want.ty.k !== 'int') throw new Unsupported(`${fn}() of a value that is not an integer`);
        const map = this.keyIndex(arr.ty.arr, key.ty.value);
        const found = `${map}().get(${want.code})`;
        if (fn === 'has') return { code: `(${found} !== undefined)`, ty: { k: 'bool' } };
        return { code: `(${found} ?? -1)`, ty: { k: 'ref', struct: arr.ty.arr.struct } };
      }
    }
    throw new Unsupported(`${fn}()`);
  }

  /** A map from key value to the first element's offset, built once per file on first use (the evaluator's keyIndex). */
  private keyIndex(arr: StructArray, key: string): string {
    let fnName = arr.lookups.get(key);
    if (fnName) return fnName;
    const m = memberAt(this.schema, arr.struct, key);
    if (m.kind !== 'int') throw new Unsupported(`lookup by ${key}, not an integer field`);
    const map = this.local('null', 'M');
    fnName = this.local('null', 'Mf');
    this.prelude.push(`${map} = null; ${fnName} = () => { if (${map} !== null) return ${map}; const m = new Map(); for (let q = 0; q < ${arr.offs}.length; q++) { const o = ${arr.offs}[q]; const k = ${m.read('o')}; if (!m.has(k)) m.set(k, o); } return (${map} = m); };`);
    arr.lookups.set(key, fnName);
    return fnName;
  }
}

/** A field of a record found by value, at a fixed offset from the record's start. */
interface Member {
  readonly kind: 'int' | 'ints';
  readonly offset: number;
  readonly width: number;
  /** Reads the integer (or, for 'ints', an element at an absolute offset). */
  readonly read: (o: string) => string;
  /** 'ints': the element count, read from the record at `base`. */
  readonly count?: (base: string) => string;
}

/** `name` of struct `struct` when every field before it has a fixed size: an integer, or an integer array counted by an earlier integer. */
function memberAt(schema: FormatSchema, struct: string, name: string): Member {
  const def = schema.types.get(struct);
  if (!def) throw new Unsupported(`type ${struct} is not defined`);
  let offset = 0;
  const ints = new Map<string, { offset: number; t: Extract<FieldDef['type'], { kind: 'int' }> }>();
  for (const f of def.fields) {
    if (f.at || f.view) continue; // placed fields do not move the cursor
    const t = f.type;
    if (f.id === name) {
      if (t.kind !== 'int') break;
      if (!f.repeat) {
        const at = offset;
        return { kind: 'int', offset: at, width: INT_WIDTH[t.int], read: (o) => readInt(t.int, t.endian, `${o} + ${at}`) };
      }
      const counted = f.repeat.ast;
      const by = counted.kind === 'name' ? ints.get(counted.name) : undefined;
      if (!by || f.repeatBytes) break;
      const at = offset;
      return {
        kind: 'ints', offset: at, width: INT_WIDTH[t.int], read: (o) => readInt(t.int, t.endian, o),
        count: (base) => readInt(by.t.int, by.t.endian, `${base} + ${by.offset}`),
      };
    }
    if (t.kind !== 'int' || f.repeat || f.repeatBytes || f.cond) break;
    ints.set(f.id, { offset, t });
    offset += INT_WIDTH[t.int];
  }
  throw new Unsupported(`${struct}.${name} is not at a fixed offset`);
}

function readInt(t: keyof typeof INT_WIDTH, endian: 'le' | 'be', o: string): string {
  const le = endian === 'le' ? 'true' : 'false';
  switch (t) {
    case 'u1': return `b[${o}]`;
    case 's1': return `dv.getInt8(${o})`;
    case 'u2': return `dv.getUint16(${o}, ${le})`;
    case 's2': return `dv.getInt16(${o}, ${le})`;
    case 'u4': return `dv.getUint32(${o}, ${le})`;
    case 's4': return `dv.getInt32(${o}, ${le})`;
    case 'u8': return `R.U8(dv, ${o}, ${le})`;
    case 's8': return `R.S8(dv, ${o}, ${le})`;
  }
}

function joinTy(a: Ty, b: Ty): Ty {
  if (a.k === b.k && (a.k === 'int' || a.k === 'bool' || a.k === 'null')) return a;
  if (a.k === 'ref' && b.k === 'ref' && a.struct === b.struct) return a;
  if (a.k === 'ref' && b.k === 'null') return a;
  if (a.k === 'null' && b.k === 'ref') return b;
  throw new Unsupported(`a condition whose branches are ${a.k} and ${b.k}`);
}

/** Whether a let of `def` mentions `_index`, itself or through the struct's other lets. */
function letReadsIndex(def: StructDef, name: string, seen = new Set<string>()): boolean {
  const lets = def.lets;
  if (!lets || seen.has(name) || !Object.prototype.hasOwnProperty.call(lets, name)) return false;
  seen.add(name);
  let found = false;
  const visit = (e: Expr): void => {
    if (found) return;
    switch (e.kind) {
      case 'name': if (e.name === '_index' || letReadsIndex(def, e.name, seen)) found = true; return;
      case 'member': visit(e.object); return;
      case 'index': visit(e.object); visit(e.index); return;
      case 'call': for (const a of e.args) visit(a); return;
      case 'unary': visit(e.operand); return;
      case 'binary': visit(e.left); visit(e.right); return;
      case 'cond': visit(e.test); visit(e.then); visit(e.else); return;
      default: return;
    }
  };
  visit(lets[name]!.ast);
  return found;
}

/** Field ids of a struct, and of its inline switches' cases: names that exist but may not be walked yet. */
function pendingNames(def: StructDef, schema: FormatSchema, seen = new Set<string>()): string[] {
  if (seen.has(def.name)) return [];
  seen.add(def.name);
  const out: string[] = [];
  for (const f of def.fields) {
    out.push(f.id);
    if (f.type.kind === 'switch' && f.inline) {
      for (const c of caseStructs(f.type)) {
        const s = schema.types.get(c);
        if (s) out.push(...pendingNames(s, schema, seen));
      }
    }
  }
  return out;
}

/** Constructs whose meaning depends on the stream position, on conditions or on decompression: not compiled. */
function refuse(f: FieldDef): void {
  const t = f.type;
  const why =
    f.repeatKind === 'until' ? 'repeat: until'
    : f.repeatKind === 'eos' ? 'repeat: eos'
    : f.cond ? 'if'
    : f.sizeEos ? 'size_eos'
    : f.size && (t.kind === 'struct' || t.kind === 'switch') ? 'a substream'
    : f.terminator !== undefined ? 'a terminator'
    : f.process ? 'process'
    : t.kind === 'bits' ? 'bit fields'
    : undefined;
  if (why) throw new Unsupported(`${f.id}: ${why}`);
}

/** Every name any expression of the schema mentions (as a name or a member): the fields whose values must be kept. */
function referencedNames(schema: FormatSchema): Set<string> {
  const out = new Set<string>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'name': out.add(e.name); return;
      case 'member': out.add(e.name); visit(e.object); return;
      case 'index': visit(e.object); visit(e.index); return;
      case 'call': for (const a of e.args) visit(a); if (e.fn === 'lookup' || e.fn === 'has') collectKey(e.args[1]); return;
      case 'unary': visit(e.operand); return;
      case 'binary': visit(e.left); visit(e.right); return;
      case 'cond': visit(e.test); visit(e.then); visit(e.else); return;
      default: return;
    }
  };
  const collectKey = (e: Expr | undefined): void => {
    if (e?.kind === 'str') out.add(e.value);
  };
  const isExpr = (v: unknown): v is CompiledExpr => typeof v === 'object' && v !== null && 'ast' in v && 'source' in v;
  for (const s of schema.types.values()) {
    for (const l of Object.values(s.lets ?? {})) visit(l.ast);
    for (const a of s.asserts) visit(a.rule.ast);
    for (const f of s.fields) {
      for (const [key, v] of [...Object.entries(f), ...Object.entries(f.type)]) {
        if (key === 'derive') continue; // the encoder's: no check evaluates it
        if (isExpr(v)) visit(v.ast);
        else if (Array.isArray(v)) for (const x of v as unknown[]) if (isExpr(x)) visit(x.ast);
      }
      for (const r of f.valid) if (r.rule.kind === 'expr') visit(r.rule.expr.ast);
      if (f.placement) { visit(f.placement.start.ast); visit(f.placement.end.ast); }
      if (f.checksum) for (const x of [f.checksum.from, f.checksum.to, f.checksum.of]) if (x) visit(x.ast);
      if (f.unique) out.add(f.unique.key);
    }
  }
  return out;
}
