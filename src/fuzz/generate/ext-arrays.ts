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
  // A first element pinned by an assert (IHDR) cannot also be the one that ends the array (IEND).
  const n = Math.max(p.elementPins?.some((e) => e.index === 0) ? 2 : 1, bounded(p, freeLength(g, f, p, scope, frame)));
  const out: unknown[] = [];
  // `_.kind == "IEND" || _io.eof` is unknown while drawing: the pinned value alone decides.
  const ends = (el: unknown, i: number): boolean => {
    const v = until(itemScope(scope, el, i));
    return v === true || (v !== false && p.until !== undefined && matches(el, p.until));
  };
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    // A noisy file may leave the array open at its last element (a near miss).
    const pins = pinsAt(p, i, last && !chance(g.src, g.noise));
    let el = pins.length ? pinned(g, f, p, scope, frame, i, pins) ?? element(g, f, p, scope, frame, i) : element(g, f, p, scope, frame, i);
    if (!last) {
      for (let k = 0; k < 4 && ends(el, i); k++) el = element(g, f, p, scope, frame, i);
      out.push(el);
      if (ends(el, i)) break; // it ends here, as the decoder will read it
      continue;
    }
    if (!ends(el, i) && !chance(g.src, g.noise)) {
      for (let k = 0; k < 4 && !ends(el, i); k++) el = element(g, f, p, scope, frame, i);
    }
    out.push(el);
  }
  return out;
}

/** What the element at `i` is pinned to: an assert's index pin, and for the last one its last pin and the until value. */
function pinsAt(p: FieldPlan, i: number, last: boolean): UntilPin[] {
  const out: UntilPin[] = [];
  for (const e of p.elementPins ?? []) if (e.index === i || (last && e.index === 'last')) out.push(e);
  if (last && p.until) out.push(p.until);
  return out;
}

function matches(el: unknown, pin: UntilPin): boolean {
  const v = pin.field === undefined ? el : typeof el === 'object' && el !== null ? (el as Record<string, unknown>)[pin.field] : undefined;
  if (typeof pin.value === 'bigint') return (typeof v === 'number' || typeof v === 'bigint') && BigInt(v) === pin.value;
  return v === pin.value || (v instanceof Uint8Array && typeof pin.value === 'string' && Buffer.from(v).toString('latin1') === pin.value);
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
  else n = bounded(p, freeLength(g, f, p, scope, frame));
  n = Math.min(n, EOS_CAP);
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    out[i] = t.kind === 'int' ? asValue(drawInt(g.src, f, t.int, p.en, g.ints, g.noise), t.int) : element(g, f, p, scope, frame, i);
  }
  return out;
}

/** A free length within what the struct's asserts allow. */
const bounded = (p: FieldPlan, n: number): number => (p.lengths ? Math.min(Math.max(n, p.lengths.min), p.lengths.max) : n);

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

/** The element with the values it is pinned to: the element itself, or some of its fields (the others drawn around them). */
function pinned(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame, i: number, pins: readonly UntilPin[]): unknown {
  const t = f.type;
  const whole = pins.find((x) => x.field === undefined);
  if (whole) return valueAs(f, whole.value);
  if (t.kind !== 'struct' && t.kind !== 'switch') return undefined;
  const def = t.kind === 'struct' ? p.struct : firstCase(p);
  const preset: Record<string, unknown> = {};
  for (const pin of pins) {
    const target = def?.fields.find((x) => x.id === pin.field);
    const v = target ? valueAs(target, pin.value) : undefined;
    if (v !== undefined) preset[pin.field!] = v;
  }
  return Object.keys(preset).length ? genOneExt(g, f, p, scope, frame, i, preset) : undefined;
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
