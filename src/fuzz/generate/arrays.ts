import { type CompiledExpr, type FieldDef, type Scope } from '../../schema/index.js';
import { below, between, chance, pick, weighted } from './choice.js';
import type { Gen } from './context.js';
import { surelyHolds, tryCount } from './eval.js';
import { asValue, drawInt } from './ints.js';
import type { FieldPlan } from './plan.js';
import { genOne, genStruct, type Frame, type Uniq } from './struct.js';

/** Most elements an array gets even when a (pinned or generated) count asks for more. */
const HARD_CAP = 4096;
/**
 * Most struct elements, in schemas with newer constructs (decode-first schemas such as ZIP draw
 * their counts, e.g. a u2 entries_total of 0xFFFF: 4096 entries took a minute to draw and encode).
 * CCF and sigpack keep HARD_CAP, so their values stay as they were.
 */
const STRUCT_CAP = 64;

/** A repeated field: its length, then its elements. */
export function genArray(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame): unknown[] {
  let n = f.repeat && !p.freeLength ? tryCount(f.repeat, scope) : undefined;
  if (n === undefined) n = freeLength(g, f, p, scope, frame);
  else if (chance(g.src, g.noise)) n = Math.max(0, n + (chance(g.src, 0.5) ? 1 : -1));
  n = Math.min(n, g.plan.anyExt && (f.type.kind === 'struct' || f.type.kind === 'switch') ? STRUCT_CAP : HARD_CAP);
  const out = new Array<unknown>(n);
  const t = f.type;
  if (t.kind === 'struct') {
    const def = p.struct!;
    const uniq: Uniq | undefined = f.unique ? { key: f.unique.key, used: new Set() } : undefined;
    for (let i = 0; i < n; i++) {
      const el = genStruct(g, def, scope, i, uniq);
      if (uniq) uniq.used.add(String(el[uniq.key]));
      out[i] = el;
    }
    return out;
  }
  const names = t.kind === 'int' && f.enumName ? frame.keyHint?.names : undefined;
  const en = p.en;
  for (let i = 0; i < n; i++) {
    const named = names && en && i < names.length && !chance(g.src, g.noise * 2) ? en.byName.get(names[i]!) : undefined;
    if (named !== undefined && t.kind === 'int') out[i] = asValue(BigInt(named), t.int);
    else if (t.kind === 'int') out[i] = asValue(drawInt(g.src, f, t.int, en, g.ints, g.noise), t.int);
    else out[i] = genOne(g, f, p, scope, frame, i);
  }
  return out;
}

/**
 * The length of an array whose count the encoder derives from it: what a `count == EXPR` rule
 * asks for (constraint repair), a hinted per-key count (and ±1, +2), the number of hinted keys
 * for a keyed table, else small, a hint, or anything up to maxArray; noisy files step outside.
 */
export function freeLength(g: Gen, f: FieldDef, p: FieldPlan, scope: Scope, frame: Frame): number {
  const c = p.count;
  const min = c?.min ?? 0;
  const limit = c?.limit ?? HARD_CAP;
  const max = Math.min(c?.max ?? limit, limit);
  if (c) {
    for (const eq of c.eqs) {
      if (anyHolds(eq.guards, scope)) continue;
      const target = tryCount(eq.target, scope);
      if (target !== undefined && !chance(g.src, g.noise * 3)) return fit(target, limit);
    }
  }
  const counts = frame.keyHint?.counts;
  if (counts?.length && f.type.kind === 'int' && !chance(g.src, 0.15)) {
    return fit(pick(g.src, counts) + STEPS[weighted(g.src, STEP_WEIGHTS)]!, limit);
  }
  if (f.unique && g.keys.length && chance(g.src, 0.6)) return fit(Math.max(min, g.keys.length + below(g.src, 2)), limit);
  if (chance(g.src, g.noise)) {
    const outside = [max + 1, min - 1].filter((n) => n >= 0 && n <= Math.min(limit, g.maxArray * 4));
    if (outside.length) return pick(g.src, outside);
  }
  const top = Math.max(min, Math.min(max, g.maxArray));
  switch (weighted(g.src, [6, 2, 2])) {
    case 0: return fit(between(g.src, min, Math.min(top, min + 3)), limit);
    case 1: {
      const hinted = g.ints.filter((h) => h >= min && h <= top);
      return fit(hinted.length ? pick(g.src, hinted) : min, limit);
    }
    default: return fit(between(g.src, min, top), limit);
  }
}

/** A hinted count, or one more, one less, two more. */
const STEPS = [0, 1, -1, 2];
const STEP_WEIGHTS = [4, 4, 1, 1];

const fit = (n: number, limit: number): number => Math.max(0, Math.min(n, limit, HARD_CAP));

function anyHolds(guards: readonly CompiledExpr[], scope: Scope): boolean {
  for (const x of guards) if (surelyHolds(x, scope)) return true;
  return false;
}
