import type { FieldPath } from '../../findings/index.js';
import type { CompiledExpr, Expr } from '../../schema/index.js';
import { enumOf, listOperands, operandsOf, render, type ExprEnv } from './describe-expr.js';

/** A condition in words: what its operands are on this file, and where the one it tests sits. */
export interface ConditionPhrase {
  readonly phrase: string;
  readonly path?: FieldPath;
}

/**
 * A rule of the model in the file's terms. A comparison of an enum-typed field with a constant
 * reads as names (`op != 0` that holds: "criteria[20].op is REGEX, not ANY"); anything else lists
 * its operands ("header.instance_count = 5000, limits.max_instances = 4096"). `prefix` names the
 * element the plain names belong to; `holds` is what the rule gave.
 */
export function conditionPhrase(rule: CompiledExpr, env: ExprEnv, prefix: string, holds: boolean): ConditionPhrase | undefined {
  const ops = operandsOf(rule, env);
  const single = ops.filter((o) => o.path !== undefined);
  const path = single.length === 1 ? single[0]!.path : undefined;
  const cmp = enumComparison(rule.ast, env);
  if (cmp) {
    const op = ops.find((o) => o.text === cmp.text);
    if (op) {
      const who = prefix === '' || prefix === '(file)' ? cmp.text : `${prefix}.${cmp.text}`;
      const differs = (cmp.op === '!=') === holds;
      const phrase = differs ? `${who} is ${op.shown}, not ${cmp.constant}` : `${who} is ${op.shown}`;
      return { phrase, ...(path ? { path } : {}) };
    }
  }
  if (ops.length === 0) return undefined;
  const list = listOperands(ops);
  return { phrase: prefix === '' || prefix === '(file)' ? list : `${prefix}: ${list}`, ...(path ? { path } : {}) };
}

/** `F == K` or `F != K` with F an enum-typed field and K an integer the enum names. */
function enumComparison(e: Expr, env: ExprEnv): { text: string; op: '==' | '!='; constant: string } | undefined {
  if (e.kind !== 'binary' || (e.op !== '==' && e.op !== '!=')) return undefined;
  for (const [ref, lit] of [[e.left, e.right], [e.right, e.left]] as const) {
    const text = render(ref);
    if (text === undefined || lit.kind !== 'int') continue;
    const name = enumOf(ref, env);
    const constant = name !== undefined ? env.schema.enums.get(name)?.byValue.get(Number(lit.value)) : undefined;
    if (constant !== undefined) return { text, op: e.op, constant };
  }
  return undefined;
}
