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
  /** `repeat: until`: how the last element is made to end the array (`_.kind == "IEND"`), when the rule says. */
  readonly until: UntilPin | undefined;
}

/** `_ == C` or `_.field == C` among the disjuncts of a repeat_until rule. */
export interface UntilPin {
  readonly field: string | undefined;
  readonly value: bigint | string | boolean;
}

const NONE: ExtPlan = { ext: false, tagKeys: undefined, tagDefault: false, args: undefined, caseDefs: undefined, until: undefined };

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

export function extPlan(schema: FormatSchema, f: FieldDef, tags: ReadonlyMap<FieldDef, { keys: (number | string)[]; dflt: boolean }>): ExtPlan {
  const tag = tags.get(f);
  if (!tag && !usesExt(f)) return NONE;
  const t = f.type;
  return {
    ext: true,
    tagKeys: tag?.keys,
    tagDefault: tag?.dflt ?? false,
    args: t.kind === 'struct' && t.args ? t.args.map(quickOf) : undefined,
    caseDefs: t.kind === 'switch' ? new Map(caseStructs(t).map((n) => [n, schema.types.get(n)!] as const).filter(([, d]) => d)) : undefined,
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
