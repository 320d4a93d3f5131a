import type { CompiledExpr, Expr, FieldDef, StructDef } from '../../schema/index.js';
import { Unsupported } from './plan.js';

/** Whether `e` needs the stream's position (`_io.pos`, `_io.eof`, find/rfind) or a repeat's `_`. */
function needsStream(e: Expr): boolean {
  switch (e.kind) {
    case 'name': return e.name === '_';
    case 'member': return (e.object.kind === 'name' && e.object.name === '_io' && e.name !== 'size') || needsStream(e.object);
    case 'index': return needsStream(e.object) || needsStream(e.index);
    case 'call': return e.fn === 'find' || e.fn === 'rfind' || e.args.some(needsStream);
    case 'unary': return needsStream(e.operand);
    case 'binary': return needsStream(e.left) || needsStream(e.right);
    case 'cond': return needsStream(e.test) || needsStream(e.then) || needsStream(e.else);
    default: return false;
  }
}

const isExpr = (v: unknown): v is CompiledExpr => typeof v === 'object' && v !== null && 'ast' in v && 'source' in v;

/** Every expression a field carries (size, repeat, at, switch_on, arguments…), found by shape so a new key is never missed. */
function fieldExprs(f: FieldDef): CompiledExpr[] {
  const out: CompiledExpr[] = [];
  const t = f.type;
  for (const v of [...Object.values(f), ...Object.values(t)]) {
    if (isExpr(v)) out.push(v);
    else if (Array.isArray(v)) out.push(...v.filter(isExpr));
  }
  if (t.kind === 'switch' && t.caseArgs) for (const args of t.caseArgs.values()) out.push(...args);
  return out;
}

/**
 * The schema language's constructs that binary-parser has no equivalent for, or that need the
 * interpreter's stream (substreams, positions, terminators, bits, decompression): a schema that
 * uses any of them is refused when it is compiled, and every decode goes to the interpreter
 * (FastDecoder.unsupported says why). Refusing at build time, rather than bailing per file,
 * keeps the fast path from ever returning a tree the interpreter would not.
 */
export function refuseField(f: FieldDef): void {
  const t = f.type;
  const why =
    f.repeatKind === 'until' ? 'repeat: until'
    : f.repeatKind === 'eos' ? 'repeat: eos'
    : f.cond ? 'if'
    : f.sizeEos ? 'size_eos'
    : f.size && (t.kind === 'struct' || t.kind === 'switch') ? 'size on a struct or switch (a substream)'
    : f.terminator !== undefined ? 'terminator (strz)'
    : f.process ? 'process'
    : f.contents && !f.size ? 'contents without a size'
    : t.kind === 'bits' ? 'bit fields'
    : t.kind === 'str' && t.encoding !== undefined && t.encoding !== 'utf-8' ? `encoding ${t.encoding}`
    : t.kind === 'struct' && t.args ? 'a parametric type'
    : t.kind === 'switch' && (t.textCases?.size || t.defaultCase !== undefined || t.caseArgs?.size) ? 'text cases, a default case or case arguments'
    : fieldExprs(f).some((e) => needsStream(e.ast)) ? '_io.pos, _io.eof, find, rfind or _'
    : undefined;
  if (why) throw new Unsupported(`${f.id}: ${why} is read by the interpreter`);
}

export function refuseStruct(def: StructDef): void {
  if (def.params?.length) throw new Unsupported(`type ${def.name} has parameters: read by the interpreter`);
  for (const [name, e] of Object.entries(def.lets ?? {})) {
    if (needsStream(e.ast)) throw new Unsupported(`let ${name} of ${def.name} uses the stream: read by the interpreter`);
  }
}
