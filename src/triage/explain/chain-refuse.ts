import type { ConsumerFault } from '../../consumer/outcome.js';
import { bindLimits } from '../../model/load/model-exprs.js';
import { EvalError, evaluateBool, evaluateRef, type Scope } from '../../schema/index.js';
import { count, faultTag, step, type ChainContext } from './chain-context.js';
import { walkPath, type Level } from './decoded-scope.js';
import { conditionPhrase } from './describe-condition.js';
import type { ChainStep } from './types.js';

/** The file's root scope (the consumer's refusal rules are evaluated there). */
export function rootLevel(ctx: ChainContext): Level {
  return walkPath(ctx.schema, ctx.file, []).levels[0]!;
}

/** The first refusal rule that holds on the file with the profile's limits, as the consumer checks them in order. */
export function firstRuleThatHolds(ctx: ChainContext): number | undefined {
  const scope = rootLevel(ctx).scope;
  for (const [i, rule] of ctx.model.refuse.rules.entries()) {
    try {
      if (evaluateBool(bindLimits(rule.when, ctx.profile.limits), scope)) return i;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
    }
  }
  return undefined;
}

/** A refusal rule that held: the rule, its operands on this file (limits from the profile), the refusal. */
export function refuseRuleChain(ctx: ChainContext, fault: ConsumerFault, index: number): ChainStep[] {
  const rule = ctx.model.refuse.rules[index]!;
  const root = rootLevel(ctx);
  const env = { schema: ctx.schema, scope: root.scope, levels: [root], limits: ctx.profile.limits };
  const before = index === 0 ? 'its first check' : `the ${count(index, 'rule')} before it do not hold`;
  const steps: ChainStep[] = [step(ctx, `before it trusts anything in the file, ${ctx.profile.name} checks \`${rule.when.source}\` (refuse.rules[${index}]; ${before})`)];
  const held = conditionPhrase(rule.when, env, '', true);
  const at = rule.at ? refPath(rule.at, root.scope) : undefined;
  const where = at ?? held?.path;
  steps.push(step(ctx, `${held ? `${held.phrase}: ` : ''}the rule holds${rule.usesLimits ? ` (the limit is ${ctx.profile.name}'s own)` : ''}`, where));
  steps.push(step(ctx, `so ${ctx.profile.name} refuses the file and keeps the content it has ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset));
  return steps;
}

/** A file too short for the fields the consumer reads before its checks (`refuse.read`). */
export function refuseReadChain(ctx: ChainContext, fault: ConsumerFault): ChainStep[] {
  const d = fault.details;
  const names = ctx.model.refuse.read.map((f) => f.id).join(', ');
  const needed = Number(d.needed);
  const at = Number(d.at);
  return [
    step(ctx, `before its checks, ${ctx.profile.name} reads ${names} from the start of the file (refuse.read)`),
    step(ctx, `${String(d.what)} needs ${count(needed, 'byte')} at ${at}; the file has ${count(ctx.file.size, 'byte')}, ${count(Number(d.available), 'byte')} left there`, fault.path, at),
    step(ctx, `so ${ctx.profile.name} refuses the file and keeps the content it has ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset),
  ];
}

function refPath(e: Parameters<typeof evaluateRef>[0], scope: Scope): readonly (string | number)[] | undefined {
  try {
    return evaluateRef(e, scope).path ?? undefined;
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}
