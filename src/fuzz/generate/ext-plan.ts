import { caseStructs, type FieldDef, type FormatSchema, type StructDef } from '../../schema/index.js';
import { comparisons, isIoSizeEq, lengthsOf, pinsOf, untilPin } from './ext-shapes.js';
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

