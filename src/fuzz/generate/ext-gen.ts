import { encodeText } from '../../codec/encode-text.js';
import type { FieldDef, Scope, StructDef, StreamIo } from '../../schema/index.js';
import { drawBits } from './bits.js';
import { below, chance, pick } from './choice.js';
import type { Gen } from './context.js';
import { caseTargetOf, tryCount } from './eval.js';
import { genEos, genUntil, remaining } from './ext-arrays.js';
import { asValue } from './ints.js';
import type { FieldPlan } from './plan.js';
import { UNKNOWN, quickOf } from './quick-eval.js';
import { drawString } from './strings.js';
import { genArray } from './arrays.js';
import { genOne, genStruct, randomBytes, type Frame, type StructExtra } from './struct.js';
import { fitText, sizedText } from './text.js';

/**
 * A field that uses a newer construct (plan.ts `ext`): its `if` first (false: null, as the
 * decoder gives it; a noisy file writes it anyway), then an array that ends by its elements or
 * its stream, a switch tag drawn from the case keys, or one value.
 */
export function genExtField(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame): unknown {
  // Unknown (it reads a field the encoder derives, or the stream's position): drawn, the encoder writes it.
  if (f.cond && quickOf(f.cond)(scope) === false && !chance(g.src, g.noise)) return null;
  if (f.repeat) {
    if (f.repeatKind === 'until') return genUntil(g, f, p, scope, frame);
    if (f.repeatKind === 'eos') return genEos(g, f, p, scope, frame);
    return genArray(g, f, p, scope, frame);
  }
  if (p.tagKeys) {
    const tag = drawTag(g, f, p, scope);
    if (tag !== undefined) return tag;
  }
  return genOne(g, f, p, scope, frame, undefined);
}

/** One value of a field with an ext plan (genOne hands these over). */
export function genOneExt(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame, index: number | undefined, preset?: Record<string, unknown>): unknown {
  const t = f.type;
  switch (t.kind) {
    case 'bits': return drawBits(g.src, f, t.bits, p.en, g.ints, g.noise);
    case 'str': return genText(g, f, p, scope, frame);
    case 'bytes': return genBytes(g, f, p, scope, frame);
    case 'struct': return genStruct(g, p.struct!, scope, index, undefined, extraFor(g, f, p.struct!, p.args?.map((q) => q(scope)), scope, preset));
    case 'switch': {
      const c = caseTargetOf(undefined, f, p.tag!(scope), p);
      if (!c) return {};
      return genStruct(g, c.def, scope, index, undefined, extraFor(g, f, c.def, c.args?.map((a) => quickOf(a)(scope)), scope, preset));
    }
    default: return undefined; // integers never come here (genOne draws them)
  }
}

/** A size-bounded, size_eos or processed struct reads its own stream; a parametric one gets its arguments. */
function extraFor(g: Gen, f: FieldDef, def: StructDef, args: readonly unknown[] | undefined, scope: Scope, preset: Record<string, unknown> | undefined): StructExtra | undefined {
  let params: Record<string, unknown> | undefined;
  if (def.params?.length && args) {
    params = Object.create(null) as Record<string, unknown>;
    def.params.forEach((d, i) => {
      const v = args[i];
      if (v !== UNKNOWN && v !== undefined) params![d.id] = v;
    });
  }
  let stream: number | undefined;
  let own = false;
  if (f.process) own = true; // decompressed: as long as what is written in it
  else if (f.size) {
    own = true;
    stream = tryCount(f.size, scope);
  } else if (f.sizeEos) own = true;
  if (!params && !own && !preset) return undefined;
  const io: StreamIo | undefined = own ? { bytes: EMPTY, start: 0, end: stream ?? NaN, pos: 0 } : undefined;
  return { params, io, stream, preset };
}

const EMPTY = new Uint8Array(0);

/** A switch tag: mostly one of the case keys (in the field's type), else (for the default case, or noise) anything. */
function drawTag(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope): unknown {
  if (chance(g.src, p.tagDefault ? 0.2 : g.noise)) return undefined;
  const k = pick(g.src, p.tagKeys!);
  const t = f.type;
  if (t.kind === 'int') return typeof k === 'number' ? asValue(BigInt(k), t.int) : undefined;
  if (t.kind === 'bits') return typeof k === 'number' && k >= 0 && k < 2 ** t.bits ? (t.bits > 32 ? BigInt(k) : k) : undefined;
  if (typeof k !== 'string') return undefined;
  const n = f.size && p.sizeKnown ? tryCount(f.size, scope) : undefined;
  if (t.kind === 'str') {
    const b = encodeText(k, t.encoding);
    return b && (n === undefined || b.length === n) ? k : undefined;
  }
  if (t.kind !== 'bytes' || (n !== undefined && k.length !== n)) return undefined;
  return Uint8Array.from(k, (c) => c.charCodeAt(0));
}

/** Text the encoding can carry, without the terminator (unless noisy), sized when the size is known. */
function genText(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame): unknown {
  const t = f.type;
  const enc = (t.kind === 'str' && t.encoding) || 'utf-8';
  const term = f.terminator;
  const noisy = chance(g.src, g.noise);
  let n = f.sizeEos ? remaining(g, f, scope, frame) : undefined;
  if (f.size && p.sizeKnown && !f.view && !f.process && !noisy) n = tryCount(f.size, scope);
  // With a size and a terminator, the text may be shorter: the encoder ends it and pads.
  if (n !== undefined && term !== undefined && chance(g.src, 0.5)) n = below(g.src, n + 1);
  let s: string | Uint8Array = n === undefined ? drawString(g.src, f.pattern !== undefined, g.hostile, g.maxString) : sizedText(g.src, n, enc, term);
  if (s instanceof Uint8Array) return noisy || term === undefined ? s : s.filter((b) => b !== term);
  // A noisy file may keep the terminator (a near miss), never a character the encoder cannot write.
  s = fitText(g.src, s, enc, noisy ? undefined : term);
  if (f.include && term !== undefined && term < 0x80 && n === undefined) s += String.fromCharCode(term);
  return s;
}

/** Magic bytes (a noisy file changes one), inner bytes for `process`, or bytes without the terminator. */
function genBytes(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame): Uint8Array {
  if (f.contents) {
    const b = f.contents.bytes.slice();
    if (b.length && chance(g.src, g.noise * 4)) {
      const i = below(g.src, b.length);
      b[i] = b[i]! ^ (1 << below(g.src, 8));
    }
    return b;
  }
  const noisy = chance(g.src, g.noise);
  let n: number | undefined;
  if (f.process) n = Math.min(below(g.src, 129), f.process.limit);
  else if (f.sizeEos) n = remaining(g, f, scope, frame);
  else if (f.size && p.sizeKnown && !noisy) n = tryCount(f.size, scope);
  const b = f.process && chance(g.src, 0.5)
    ? new Uint8Array(n ?? 0).fill(below(g.src, 256)) // compresses well: the compressed size is far from the inner one
    : randomBytes(g.src, Math.min(n ?? below(g.src, 17), 1 << 16));
  const term = f.terminator;
  if (term === undefined || noisy) return b;
  for (let i = 0; i < b.length; i++) if (b[i] === term) b[i] = term ^ 1;
  if (!f.include || f.size) return b;
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  out[b.length] = term;
  return out;
}
