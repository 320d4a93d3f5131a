import type { Scope } from '../../schema/index.js';
import { surelyHolds, tryValue } from './eval.js';
import { asValue } from './ints.js';
import { widthBefore } from './measure.js';
import type { FieldPlan, StructPlan } from './plan.js';
import type { Frame } from './struct.js';

/* What struct.ts does for the rules of schemas with newer constructs (never for CCF or sigpack). */

/** A field whose rule is `F == _io.size`, in a struct read from its own stream: the stream's size (what was drawn, when free). */
export function sizeOwnStream(sp: StructPlan, obj: Record<string, unknown>, scope: Scope, frame: Frame): void {
  for (const p of sp.fields) {
    if (!p.ioSizeEq || p.def.type.kind !== 'int') continue;
    const n = frame.stream ?? widthBefore(sp.fields, obj, undefined, scope);
    if (n !== undefined) obj[p.def.id] = asValue(BigInt(n), p.def.type.int);
  }
}

/**
 * What a `F == EXPR` rule asks for, when no guard of it holds and EXPR is known (`method ==
 * entry.method`: the local header follows the directory). Only in schemas with newer constructs:
 * CCF's equalities are counts (arrays.ts), and its draws stay as they were.
 */
export function eqTarget(p: FieldPlan, scope: Scope): bigint | undefined {
  for (const eq of p.eqs) {
    if (eq.guards.some((x) => surelyHolds(x, scope))) continue;
    const v = tryValue(eq.target, scope);
    if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
    if (typeof v === 'bigint') return v;
  }
  return undefined;
}
