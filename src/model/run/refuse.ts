import type { FieldPath } from '../../findings/index.js';
import { EvalError, evaluate, evaluateBool, evaluateRef, type Scope } from '../../schema/index.js';
import type { ConsumerFault } from '../../consumer/outcome.js';
import { fixedSize } from '../load/schema-names.js';
import { HALT, type ModelRun } from './state.js';
import { readRootField } from './walker.js';

/**
 * The consumer's only checks, before it trusts anything (outcome reject): the fields it needs to
 * make them must fit the file, then each rule in order. Returns the refusal and whether it is
 * also an issue (a rule on a profile limit, which the schema's own checks cannot see).
 */
export function refusal(run: ModelRun, scope: Scope): { fault: ConsumerFault; report: boolean } | null {
  const { model } = run.bound;
  for (const f of model.refuse.read) {
    const needed = fixedSize(model.schema, f, 0) ?? 0;
    if (run.cursor + needed > run.len) {
      run.cov.hit(run.branches.refuseTruncated);
      return {
        report: false,
        fault: { code: model.refuse.truncatedCode as ConsumerFault['code'], path: [f.id], offset: run.cursor, details: { needed, at: run.cursor, available: Math.max(0, run.len - run.cursor), what: f.id } },
      };
    }
    readRootField(run, f, scope);
    if (run.cursor < 0 || run.fault) throw HALT; // cannot happen: the size was checked
  }
  for (const [i, rule] of run.bound.refuse.entries()) {
    let refused: boolean;
    try {
      refused = evaluateBool(rule.when, scope);
    } catch (e) {
      if (e instanceof EvalError) continue;
      throw e;
    }
    if (!refused) continue;
    run.cov.hit(run.branches.refuseRule[i]!);
    let path: FieldPath = [];
    try {
      if (rule.at) path = evaluateRef(rule.at, scope).path ?? [];
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
    }
    const details: Record<string, unknown> = {};
    for (const [k, e] of rule.details) {
      try {
        details[k] = evaluate(e, scope);
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
      }
    }
    return { report: rule.usesLimits, fault: { code: rule.code as ConsumerFault['code'], path, offset: run.locate(path)?.offset ?? 0, details } };
  }
  run.cov.hit(run.branches.accepted);
  return null;
}
