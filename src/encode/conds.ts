import { EvalError, evaluate } from '../schema/index.js';
import type { Pending } from './derive.js';
import { merge } from './derive.js';
import type { Tree, Visit } from './tree.js';

/**
 * Decides the `if` of the absent fields the encoder could compute (normalize filed them in
 * `tree.conds`): a false condition gives null (not written, as the decoder reads it), a true one
 * files the field with the derivations, checksums or magic bytes that compute it. A condition
 * that cannot be evaluated yet (it reads a field still to derive) waits for the next pass.
 * Returns whether it decided any.
 */
export function resolveConds(tree: Tree, pending: Pending[]): boolean {
  const derive: Visit[] = [];
  const late: Visit[] = [];
  const sums: Visit[] = [];
  let kept = 0;
  for (const v of tree.conds) {
    const { f, frame } = v;
    let holds: unknown;
    try {
      holds = evaluate(f.def.cond!, frame.scope);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      pending.push({ where: v, reason: `cannot decide its if ${f.def.cond!.source}: ${e.message}` });
      tree.conds[kept++] = v;
      continue;
    }
    if (typeof holds !== 'boolean') {
      pending.push({ where: v, reason: `its if ${f.def.cond!.source} is not true or false` });
      tree.conds[kept++] = v;
      continue;
    }
    if (!holds) frame.obj[f.id] = null;
    else if (f.def.contents && !f.repeat) frame.obj[f.id] = f.def.contents.bytes.slice();
    else if (f.def.checksum) sums.push(v);
    else (f.deriveUsesLayout && !f.repeat ? late : derive).push(v);
  }
  const decided = tree.conds.length !== kept;
  tree.conds.length = kept;
  if (derive.length) tree.toDerive = merge(tree.toDerive, derive);
  if (late.length) tree.lateDerive = merge(tree.lateDerive, late);
  if (sums.length) tree.checksums = merge(tree.checksums, sums);
  return decided;
}
