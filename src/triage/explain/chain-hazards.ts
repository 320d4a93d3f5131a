import type { ConsumerFault } from '../../consumer/outcome.js';
import { formatCount } from '../../report/format.js';
import { count, faultTag, singular, nounOf, step, type ChainContext } from './chain-context.js';
import { showValue } from './describe-expr.js';
import { latentChain } from './chain-inputs.js';
import type { ChainStep } from './types.js';

/** The clause a hazard comes from, and its short chain: the model's `inputs` hazards, from their details. */
export function hazardChain(ctx: ChainContext, hazard: ConsumerFault): { clause: string; chain: ChainStep[] } {
  const inputs = ctx.model.inputs;
  const d = hazard.details;
  if (inputs && hazard.code === inputs.latent && 'index' in d) return { clause: 'inputs.latent', chain: latentChain(ctx, hazard) };
  const decl = inputs?.declares;
  if (!inputs || !decl) return { clause: 'unknown', chain: [] };
  const noun = /^[a-z_][a-z0-9_]*$/i.test(inputs.key.source) ? nounOf(inputs.key.source, ['_id']) : 'key';
  const item = ctx.model.profile.inputs?.item ?? 'inputs';
  const key = showValue(d.key);
  const table = decl.table;
  const entry = hazard.path[1];
  if (hazard.code === inputs.codes.countHazard && 'declared' in d) {
    const n = Number(d.declared);
    const supplied = Number(d.supplied);
    return { clause: 'inputs.declares', chain: [
      step(ctx, `the file's ${table} table declares ${count(n, nounOf(decl.count, ['_count']))} for ${noun} ${key} (${table}[${String(entry)}].${decl.count})`, hazard.path, hazard.offset),
      step(ctx, `${ctx.profile.name} supplies ${count(supplied, singular(item))} for ${noun} ${key}`),
      step(ctx, `every element of a ${noun}-${key} record past ${item}[${supplied - 1}] is skipped today (\`${inputs.when.source}\` does not hold on it); the first one that reads is ${inputs.codes.outOfBounds} ${faultTag(hazard.code, hazard.path, hazard.offset)}`),
    ] };
  }
  if (hazard.code === inputs.codes.kindHazard && 'field' in d) {
    const f = Number(d.field);
    return { clause: 'inputs.declares', chain: [
      step(ctx, `the file's ${table} table declares ${nounOf(decl.count, ['_count'])} ${f} of ${noun} ${key} as ${String(d.declared)} (${table}[${String(entry)}].${decl.kinds}[${f}])`, hazard.path, hazard.offset),
      step(ctx, `${ctx.profile.name} supplies ${singular(item)} ${f} of ${noun} ${key} as ${String(d.supplied)}`),
      step(ctx, `no element reads it as ${String(d.declared)} today; the first one that does is ${inputs.codes.kind} ${faultTag(hazard.code, hazard.path, hazard.offset)}`),
    ] };
  }
  if (hazard.code === inputs.codes.unused && 'records' in d) {
    const records = Number(d.records);
    return { clause: 'inputs', chain: [
      step(ctx, `${count(records, 'record')} of the file ${records === 1 ? 'is' : 'are'} of ${noun} ${key} (${inputs.record} records, declared at ${table}[${String(entry)}])`, hazard.path, hazard.offset),
      step(ctx, `${ctx.profile.name} supplies no ${item} for ${noun} ${key}: it never evaluates ${records === 1 ? 'it' : 'them'} ${faultTag(hazard.code, hazard.path, hazard.offset)}`),
    ] };
  }
  return { clause: 'unknown', chain: [] };
}

/** A run a work budget cut short before any fault: which budget, where, and why the outcome is unknown. */
export function budgetChain(ctx: ChainContext, cut: ConsumerFault): ChainStep[] {
  const d = cut.details;
  const budget = String(d.budget ?? 'work');
  const unit = budget === 'nodes' ? ' values read' : budget.includes('time') ? ' ms' : '';
  const limit = typeof d.limit === 'number' ? ` (limit ${formatCount(d.limit)}${unit})` : '';
  return [
    step(ctx, `the ${budget} budget${limit} ran out while ${ctx.profile.name}'s run was reading ${stageNote(d)}`, cut.path, cut.offset),
    step(ctx, `no fault happened before that, so whether ${ctx.profile.name} loads the file is not known ${faultTag(cut.code, cut.path, cut.offset)}`, cut.path, cut.offset),
  ];
}

function stageNote(d: Readonly<Record<string, unknown>>): string {
  return typeof d.reason === 'string' ? `(${d.reason})` : 'the file';
}

