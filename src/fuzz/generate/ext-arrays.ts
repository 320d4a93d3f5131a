import { INT_WIDTH, itemScope, type FieldDef, type Scope } from '../../schema/index.js';
import { chance } from './choice.js';
import type { Gen } from './context.js';
import { freeLength } from './arrays.js';
import { genOneExt } from './ext-gen.js';
import type { UntilPin } from './ext-plan.js';
import { asValue, drawInt } from './ints.js';
import { widthBefore } from './measure.js';
import type { FieldPlan } from './plan.js';
import { quickOf } from './quick-eval.js';
import { genOne, type Frame } from './struct.js';

/** Most elements an array ending at its stream's end gets. */
const EOS_CAP = 4096;

/**
 * `repeat: until`: at least one element; the earlier ones redrawn (a few times) while they
 * would end the array, the last one made to end it: redrawn, or pinned when the rule names a
 * value (`_.kind == "IEND"`). A noisy file may leave it open (a near miss).
 */
export function genUntil(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame): unknown[] {
  const until = quickOf(f.repeatUntil!);
  const n = Math.max(1, freeLength(g, f, p, scope, frame));
  const out: unknown[] = [];
  const ends = (el: unknown, i: number): unknown => until(itemScope(scope, el, i));
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    let el = element(g, f, p, scope, frame, i);
    if (!last) {
      for (let k = 0; k < 4 && ends(el, i) === true; k++) el = element(g, f, p, scope, frame, i);
      out.push(el);
      if (ends(el, i) === true) break; // it ends here, as the decoder will read it
      continue;
    }
    if (ends(el, i) !== false || chance(g.src, g.noise)) {
      out.push(el);
      break;
    }
    if (p.until) el = pinned(g, f, p, scope, frame, i, p.until) ?? el;
    for (let k = 0; k < 4 && ends(el, i) === false; k++) el = element(g, f, p, scope, frame, i);
    out.push(el);
  }
  return out;
}

/**
 * `repeat: eos`: elements up to the end of the stream. In a stream of known size (a `size`
 * substream) with fixed-size elements, as many as fill it; elsewhere (the file, a derived or
 * processed stream, which end where the last element does) as many as freely drawn.
 */
export function genEos(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame): unknown[] {
  const rem = remaining(g, f, scope, frame);
  const t = f.type;
  const w = t.kind === 'int' ? INT_WIDTH[t.int] : undefined;
  let n: number;
  if (rem !== undefined && w !== undefined && !chance(g.src, g.noise)) n = Math.floor(rem / w);
  else n = freeLength(g, f, p, scope, frame);
  n = Math.min(n, EOS_CAP);
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    out[i] = t.kind === 'int' ? asValue(drawInt(g.src, f, t.int, p.en, g.ints, g.noise), t.int) : element(g, f, p, scope, frame, i);
  }
  return out;
}

/** Bytes left in the struct's own stream before field `f`, when its size and everything before `f` are known. */
export function remaining(g: Gen, f: FieldDef, scope: Scope, frame: Frame): number | undefined {
  if (frame.stream === undefined || !frame.fields) return undefined;
  const used = widthBefore(frame.fields, scope.object as Record<string, unknown>, f, scope);
  return used === undefined || used > frame.stream ? undefined : frame.stream - used;
}

function element(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame, i: number): unknown {
  const t = f.type;
  if (t.kind === 'int') return asValue(drawInt(g.src, f, t.int, p.en, g.ints, g.noise), t.int);
  return genOne(g, f, p, scope, frame, i);
}

/** The element with the value the rule ends on: the element itself, or one of its fields (its other fields drawn around it). */
function pinned(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame, i: number, pin: UntilPin): unknown {
  const t = f.type;
  if (pin.field === undefined) return valueAs(f, pin.value);
  if (t.kind !== 'struct' && t.kind !== 'switch') return undefined;
  const def = t.kind === 'struct' ? p.struct : undefined;
  const target = (def ?? firstCase(p))?.fields.find((x) => x.id === pin.field);
  const v = target ? valueAs(target, pin.value) : undefined;
  if (v === undefined) return undefined;
  return genOneExt(g, f, p, scope, frame, i, { [pin.field]: v });
}

const firstCase = (p: FieldPlan) => (p.caseDefs ? [...p.caseDefs.values()][0] : undefined);

/** A literal of a rule as a value of field `f`: an integer in its width, text, Latin-1 bytes. */
function valueAs(f: FieldDef, v: bigint | string | boolean): unknown {
  const t = f.type;
  if (typeof v === 'bigint') {
    if (t.kind === 'int') return asValue(v, t.int);
    if (t.kind === 'bits') return t.bits > 32 ? v : Number(v);
    return undefined;
  }
  if (typeof v !== 'string') return undefined;
  if (t.kind === 'str') return v;
  if (t.kind === 'bytes') return Uint8Array.from(v, (c) => c.charCodeAt(0));
  return undefined;
}
