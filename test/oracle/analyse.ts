import { OP_NAMES } from './profile/types.js';
import type { WorkBudget } from '../../src/budget/work-budget.js';
import { CappedIssues, type IssueSink } from '../../src/findings/capped-issues.js';
import type { FindingCode, Issue } from '../../src/findings/index.js';
import { BRANCH } from './branches.js';
import { KIND_INT, KIND_NAMES, KIND_STR, OP_KIND, OP_REGEX } from './compiled-profile.js';
import type { Run } from './run.js';

/**
 * Static whole-file analysis over everything the load phase decoded, whatever the first
 * fault: definite defects for this consumer (errors), then latent hazards (warnings,
 * spec section 4 question 3). Issues that repeat the fault (same code and path) are left
 * out. Appends to `out`; with a capped sink, an issue past its code's cap is only counted (a file
 * that points 4,096 index entries at one record of 255 criteria costs a million counts, not a
 * million objects). Out of time, it stops with a DECODE_BUDGET finding where it stopped.
 */
export function analyse(r: Run, out: IssueSink | Issue[], budget?: WorkBudget): void {
  const { s, cp } = r;
  const profile = cp.name;
  const cov = r.coverage;
  s.resetFlags(cp.typeIds.length, cp.totalInputs);
  const capped = out instanceof CappedIssues ? out : undefined;
  // Each (code, instance, criterion) is produced once, so past the cap a count is enough.
  const add = (code: FindingCode, i: number, j: number, offset: number, details: () => Record<string, unknown>): void => {
    const fault = r.fault;
    if (fault !== null && fault.code === code && r.faultInst === i && r.faultCrit === j) return;
    if (capped && !capped.wants(code)) capped.countOnly(code);
    else out.push({ code, path: ['instances', i, 'criteria', j], offset, details: details(), profile });
  };
  for (let q = 0; q < r.instCount; q++) {
    const i = s.instIdx[q]!;
    if (budget && !budget.tick()) {
      out.push({ code: 'DECODE_BUDGET', path: ['instances', i], offset: s.instOff[q]!, details: { ...budget.timeExceeded, stage: 'consumer analysis', profile }, profile });
      return;
    }
    const typeId = s.instType[q]!;
    const slot = cp.slotOf.get(typeId) ?? -1;
    const inputs = slot >= 0 ? cp.inputs[slot]! : undefined;
    const start = s.critStart[q]!;
    for (let c = start; c < s.critEnd[q]!; c++) {
      const op = s.critOp[c]!;
      const j = c - start;
      if (op === OP_REGEX && s.critLen[c]! > cp.regexMaxLength) {
        cov?.hit(BRANCH.STATIC_REGEX_TOO_LONG);
        add('REGEX_TOO_LONG', i, j, s.critPos[c]!, () => ({ length: s.critLen[c]!, max: cp.regexMaxLength }));
      }
      if (inputs === undefined || op === 0) continue;
      if (j >= inputs.length) {
        s.beyond[slot] = 1;
        cov?.hit(BRANCH.STATIC_OOB_INPUT_READ);
        add('OOB_INPUT_READ', i, j, s.critPos[c]!, () => ({ index: j, supplied: inputs.length, type_id: typeId }));
      } else if (OP_KIND[op] !== inputs[j]) {
        s.confused[cp.inputBase[slot]! + j] = 1;
        cov?.hit(BRANCH.STATIC_TYPE_CONFUSION);
        add('TYPE_CONFUSION', i, j, s.critPos[c]!, () => ({ index: j, op: OP_NAMES[op], supplied: KIND_NAMES[inputs[j]!] }));
      }
    }
  }
  hazards(r, out);
}

function hazards(r: Run, out: IssueSink): void {
  const { s, cp, bytes } = r;
  const profile = cp.name;
  const cov = r.coverage;
  for (let t = 0; t < cp.typeIds.length; t++) {
    const typeId = cp.typeIds[t]!;
    const k = s.firstEntry[typeId]! - 1;
    if (k < 0) continue;
    const inputs = cp.inputs[t]!;
    const declared = s.typeFc[k]!;
    const at = s.typeOff[k]!;
    if (declared > inputs.length && s.beyond[t] === 0) {
      cov?.hit(BRANCH.HAZARD_INPUT_COUNT_MISMATCH);
      out.push({
        code: 'INPUT_COUNT_MISMATCH', path: ['types', k, 'field_count'], offset: at + 2,
        details: { type_id: typeId, declared, supplied: inputs.length }, profile,
      });
    }
    const shared = Math.min(declared, inputs.length);
    for (let f = 0; f < shared; f++) {
      const kind = bytes[at + 4 + f]!;
      if ((kind !== KIND_INT && kind !== KIND_STR) || kind === inputs[f]) continue;
      if (s.confused[cp.inputBase[t]! + f] === 1) continue;
      cov?.hit(BRANCH.HAZARD_KIND_MISMATCH);
      out.push({
        code: 'KIND_MISMATCH', path: ['types', k, 'field_kinds', f], offset: at + 4 + f,
        details: { type_id: typeId, field: f, declared: KIND_NAMES[kind], supplied: KIND_NAMES[inputs[f]!] }, profile,
      });
    }
  }
  unusedTemplates(r, out);
}

/** Instances of a type in the file's table that the profile does not list: never evaluated. */
function unusedTemplates(r: Run, out: IssueSink): void {
  const { s, cp } = r;
  let counts: Map<number, number> | undefined;
  for (let q = 0; q < r.instCount; q++) {
    const typeId = s.instType[q]!;
    if (cp.slotOf.has(typeId) || s.firstEntry[typeId] === 0) continue;
    counts ??= new Map();
    counts.set(typeId, (counts.get(typeId) ?? 0) + 1);
  }
  if (counts === undefined) return;
  for (let k = 0; k < r.typeCount; k++) {
    const typeId = s.typeId[k]!;
    const instances = counts.get(typeId);
    if (instances === undefined || s.firstEntry[typeId] !== k + 1) continue;
    r.coverage?.hit(BRANCH.HAZARD_UNUSED_TEMPLATE);
    out.push({ code: 'UNUSED_TEMPLATE', path: ['types', k], offset: s.typeOff[k]!, details: { type_id: typeId, instances }, profile: cp.name });
  }
}
