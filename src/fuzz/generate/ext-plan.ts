import { caseStructs, type Expr, type FieldDef, type FormatSchema, type StructDef } from '../../schema/index.js';
import { quickOf, type Quick } from './quick-eval.js';

/**
 * What the generator needs for the constructs plain schemas (CCF, sigpack) do not use: `if`,
 * bit fields, terminators, encodings, `contents`, `process`, substreams, `repeat: until/eos`,
 * text and default switch cases, parametric types. A field with none of them has `ext: false`,
 * and the hot loop takes exactly the path (and the random draws) it always took.
 */
export interface ExtPlan {
  readonly ext: boolean;
  /** A switch tag: the values its cases are keyed by (a str or bytes tag: Latin-1 text). */
  readonly tagKeys: readonly (number | string)[] | undefined;
  /** The switch it selects has a default case: other tags are well-formed too. */
  readonly tagDefault: boolean;
  /** A struct with arguments (`type: name(a, b)`), compiled. */
  readonly args: readonly Quick[] | undefined;
  /** A switch with text, default or parametric cases: its case structs by name (chooseCase names them). */
  readonly caseDefs: ReadonlyMap<string, StructDef> | undefined;
  /** Elements an assert of the struct fixes (`chunks[0].kind == "IHDR"`, `chunks[len(chunks) - 1].kind == "IEND"`). */
  readonly elementPins: readonly ElementPin[] | undefined;
  /** Length bounds an assert of the struct gives the array (`len(entries) >= 1 && len(entries) <= 256`). */
  readonly lengths: { readonly min: number; readonly max: number } | undefined;
  /** An integer whose rule is `F == _io.size`: set to the length of its (free-sized) stream once the struct is drawn. */
  readonly ioSizeEq: boolean;
  /** `repeat: until`: how the last element is made to end the array (`_.kind == "IEND"`), when the rule says. */
  readonly until: UntilPin | undefined;
}

/** An element of an array a struct's assert fixes: by index, or the last one. */
export interface ElementPin extends UntilPin {
  readonly index: number | 'last';
}

/** `_ == C` or `_.field == C` among the disjuncts of a repeat_until rule. */
export interface UntilPin {
  readonly field: string | undefined;
  readonly value: bigint | string | boolean;
}

const NONE: ExtPlan = { ext: false, tagKeys: undefined, tagDefault: false, args: undefined, caseDefs: undefined, elementPins: undefined, lengths: undefined, ioSizeEq: false, until: undefined };

/** Switch tags by the field they read: filled per struct by `tagsOf`. */
export function tagsOf(s: StructDef): Map<FieldDef, { keys: (number | string)[]; dflt: boolean }> {
  const out = new Map<FieldDef, { keys: (number | string)[]; dflt: boolean }>();
  for (const f of s.fields) {
    const t = f.type;
    if (t.kind !== 'switch' || t.on.ast.kind !== 'name') continue;
    const name = t.on.ast.name;
    const tag = s.fields.find((x) => x.id === name);
    if (!tag || tag.repeat) continue;
    const textual = t.textCases !== undefined || t.defaultCase !== undefined;
    const plainInt = (tag.type.kind === 'int' || tag.type.kind === 'bits') && !tag.enumName && tag.valid.length === 0;
    // An int tag with an enum or rules already draws its values from them (CCF's opcodes, sigpack's tags).
    if (!textual && !plainInt) continue;
    const e = out.get(tag) ?? { keys: [], dflt: false };
    for (const k of t.cases.keys()) if (!e.keys.includes(k)) e.keys.push(k);
    for (const k of t.textCases?.keys() ?? []) if (!e.keys.includes(k)) e.keys.push(k);
    e.dflt ||= t.defaultCase !== undefined;
    out.set(tag, e);
  }
  // `if: method == 8`: a sibling integer compared with a literal takes that value mostly, so both branches are drawn.
  for (const f of s.fields) {
    if (!f.cond) continue;
    for (const [name, value] of comparisons(f.cond.ast, [])) {
      const tag = s.fields.find((x) => x.id === name);
      if (!tag || tag.repeat || (tag.type.kind !== 'int' && tag.type.kind !== 'bits') || tag.enumName || tag.valid.length) continue;
      const e = out.get(tag) ?? { keys: [], dflt: true };
      if (!e.keys.includes(value)) e.keys.push(value);
      e.dflt = true;
      out.set(tag, e);
    }
  }
  return out;
}

/** `NAME == INT` (either way round) in a condition, through `&&`, `||` and `!`. */
function comparisons(e: Expr, out: [string, number][]): [string, number][] {
  if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) {
    comparisons(e.left, out);
    comparisons(e.right, out);
  } else if (e.kind === 'unary') comparisons(e.operand, out);
  else if (e.kind === 'binary' && (e.op === '==' || e.op === '!=')) {
    for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
      if (a.kind === 'name' && b.kind === 'int' && Number.isSafeInteger(Number(b.value))) out.push([a.name, Number(b.value)]);
    }
  }
  return out;
}

/** Does the field use a construct that only ext-gen.ts knows how to draw? */
function usesExt(f: FieldDef): boolean {
  const t = f.type;
  if (f.cond || f.terminator !== undefined || f.contents || f.process || f.sizeEos) return true;
  if (f.repeatKind === 'until' || f.repeatKind === 'eos') return true;
  if (t.kind === 'bits') return true;
  if (t.kind === 'str' && t.encoding !== undefined && t.encoding !== 'utf-8') return true;
  if (t.kind === 'struct') return t.args !== undefined || f.size !== undefined;
  if (t.kind === 'switch') return t.textCases !== undefined || t.defaultCase !== undefined || t.caseArgs !== undefined || f.size !== undefined;
  return false;
}

export function extPlan(schema: FormatSchema, s: StructDef, f: FieldDef, tags: ReadonlyMap<FieldDef, { keys: (number | string)[]; dflt: boolean }>): ExtPlan {
  const tag = tags.get(f);
  if (!tag && !usesExt(f)) return isIoSizeEq(f) ? { ...NONE, ioSizeEq: true } : NONE;
  const t = f.type;
  return {
    ext: true,
    tagKeys: tag?.keys,
    tagDefault: tag?.dflt ?? false,
    args: t.kind === 'struct' && t.args ? t.args.map(quickOf) : undefined,
    caseDefs: t.kind === 'switch' ? new Map(caseStructs(t).map((n) => [n, schema.types.get(n)!] as const).filter(([, d]) => d)) : undefined,
    elementPins: f.repeat ? pinsOf(s, f.id) : undefined,
    lengths: f.repeat ? lengthsOf(s, f.id) : undefined,
    ioSizeEq: isIoSizeEq(f),
    until: f.repeatKind === 'until' && f.repeatUntil ? untilPin(f.repeatUntil.ast) : undefined,
  };
}

function untilPin(e: Expr): UntilPin | undefined {
  if (e.kind === 'binary' && e.op === '||') return untilPin(e.left) ?? untilPin(e.right);
  if (e.kind !== 'binary' || e.op !== '==') return undefined;
  const side = (x: Expr): string | undefined | null =>
    x.kind === 'name' && x.name === '_' ? undefined
      : x.kind === 'member' && x.object.kind === 'name' && x.object.name === '_' ? x.name : null;
  const lit = (x: Expr): bigint | string | boolean | undefined =>
    x.kind === 'int' ? BigInt(x.value) : x.kind === 'str' || x.kind === 'bool' ? x.value : undefined;
  for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
    const field = side(a);
    const value = lit(b);
    if (field !== null && value !== undefined) return { field, value };
  }
  return undefined;
}

/**
 * A length field the encoder computes from the struct, switch or processed bytes that name it
 * as their plain `size` (the encoder's implied derive): drawn freely it would not match what it
 * measures, so it is left out like a derived field.
 */
export function impliedLength(s: StructDef, f: FieldDef): boolean {
  if (f.derive || f.checksum || f.repeat || (f.type.kind !== 'int' && f.type.kind !== 'bits')) return false;
  for (const t of s.fields) {
    if (t === f || t.view || t.at || t.repeat || t.terminator !== undefined) continue;
    if (t.size?.ast.kind !== 'name' || t.size.ast.name !== f.id) continue;
    const k = t.type.kind;
    if (t.process !== undefined || k === 'struct' || k === 'switch') return true;
  }
  return false;
}

function isIoSizeEq(f: FieldDef): boolean {
  if (f.type.kind !== 'int' || f.repeat) return false;
  return f.valid.some((v) => {
    if (v.rule.kind !== 'expr') return false;
    const e = v.rule.expr.ast;
    if (e.kind !== 'binary' || e.op !== '==') return false;
    const io = (x: Expr): boolean => x.kind === 'member' && x.name === 'size' && x.object.kind === 'name' && x.object.name === '_io';
    const me = (x: Expr): boolean => x.kind === 'name' && x.name === f.id;
    return (me(e.left) && io(e.right)) || (io(e.left) && me(e.right));
  });
}

/** `ID[N].F == C` and `ID[len(ID) - 1].F == C` among the struct's asserts (each alone, or a conjunct). */
function pinsOf(s: StructDef, id: string): ElementPin[] | undefined {
  const out: ElementPin[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'binary' && e.op === '&&') {
      visit(e.left);
      visit(e.right);
      return;
    }
    if (e.kind !== 'binary' || e.op !== '==') return;
    for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
      const value = b.kind === 'int' ? BigInt(b.value) : b.kind === 'str' || b.kind === 'bool' ? b.value : undefined;
      if (value === undefined || a.kind !== 'member' || a.object.kind !== 'index') continue;
      const arr = a.object.object;
      if (arr.kind !== 'name' || arr.name !== id) continue;
      const index = indexOf(a.object.index, id);
      if (index !== undefined) out.push({ index, field: a.name, value });
    }
  };
  for (const x of s.asserts) visit(x.rule.ast);
  return out.length ? out : undefined;
}

function indexOf(e: Expr, id: string): number | 'last' | undefined {
  if (e.kind === 'int') return Number(e.value);
  const isLen = (x: Expr): boolean => x.kind === 'call' && x.fn === 'len' && x.args[0]?.kind === 'name' && x.args[0].name === id;
  if (e.kind === 'binary' && e.op === '-' && isLen(e.left) && e.right.kind === 'int' && Number(e.right.value) === 1) return 'last';
  return undefined;
}

/** `len(ID) >= N`, `len(ID) > N`, `len(ID) <= N`, `len(ID) < N` among the struct's asserts (alone or conjuncts). */
function lengthsOf(s: StructDef, id: string): { min: number; max: number } | undefined {
  let min = 0;
  let max = Infinity;
  const isLen = (x: Expr): boolean => x.kind === 'call' && x.fn === 'len' && x.args[0]?.kind === 'name' && x.args[0].name === id;
  const visit = (e: Expr): void => {
    if (e.kind !== 'binary') return;
    if (e.op === '&&') {
      visit(e.left);
      visit(e.right);
      return;
    }
    if (!isLen(e.left) || e.right.kind !== 'int') return;
    const n = Number(e.right.value);
    if (e.op === '>=') min = Math.max(min, n);
    else if (e.op === '>') min = Math.max(min, n + 1);
    else if (e.op === '<=') max = Math.min(max, n);
    else if (e.op === '<') max = Math.min(max, n - 1);
  };
  for (const x of s.asserts) visit(x.rule.ast);
  return min > 0 || max < Infinity ? { min, max: Math.max(min, max) } : undefined;
}
