import { OP_NAMES } from './profile/types.js';
import { BRANCH, EVAL_BRANCH } from './branches.js';
import { KIND_NAMES, OP_KIND } from './compiled-profile.js';
import type { Run } from './run.js';

/**
 * Evaluate (spec section 3), after a fault-free load: for each template type the
 * profile lists (listing order), each instance of that type (index order), each
 * criterion in order. Records the first fault on the run; returns whether it loads.
 */
export function evaluate(r: Run): boolean {
  const { s, cp } = r;
  for (let t = 0; t < cp.typeIds.length; t++) {
    const typeId = cp.typeIds[t]!;
    const inputs = cp.inputs[t]!;
    const supplied = inputs.length;
    let seen = false;
    for (let q = 0; q < r.instCount; q++) {
      if (s.instType[q] !== typeId) continue;
      seen = true;
      const start = s.critStart[q]!;
      const end = s.critEnd[q]!;
      for (let c = start; c < end; c++) {
        const op = s.critOp[c]!;
        if (op === 0) {
          r.cov?.hit(BRANCH.EVAL_ANY_SKIP);
          continue;
        }
        const j = c - start;
        if (j >= supplied) {
          r.cov?.hit(BRANCH.EVAL_OOB_INPUT_READ);
          r.crash('OOB_INPUT_READ', ['instances', s.instIdx[q]!, 'criteria', j], s.critPos[c]!,
            { index: j, supplied, type_id: typeId }, s.instIdx[q]!, j);
          return false;
        }
        const kind = inputs[j]!;
        if (OP_KIND[op] !== kind) {
          r.cov?.hit(BRANCH.EVAL_TYPE_CONFUSION);
          r.crash('TYPE_CONFUSION', ['instances', s.instIdx[q]!, 'criteria', j], s.critPos[c]!,
            { index: j, op: OP_NAMES[op], supplied: KIND_NAMES[kind] }, s.instIdx[q]!, j);
          return false;
        }
        r.cov?.hit(EVAL_BRANCH[op]!);
      }
    }
    if (!seen) r.cov?.hit(BRANCH.EVAL_TYPE_WITHOUT_INSTANCES);
  }
  r.cov?.hit(BRANCH.LOAD);
  return true;
}
