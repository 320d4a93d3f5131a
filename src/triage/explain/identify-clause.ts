import type { ConsumerFault } from '../../consumer/outcome.js';
import type { ConsumerModel, EngineRule, BufferRule, LookupDispatch, SwitchDispatch } from '../../model/index.js';

/**
 * The declaration of a consumer model a fault comes from. The simulation reports a fault as a code,
 * a path and details; each clause of the model gives its faults a distinct shape of details (see
 * src/model/run: refuse.ts, walker.ts, read-view.ts, lookup.ts, bind-inputs.ts), and names its
 * code, so the clause is found again from the model's own declarations, with nothing per code.
 */
export type Clause =
  | { readonly kind: 'refuse-read'; readonly name: string; readonly field: string }
  | { readonly kind: 'refuse-rule'; readonly name: string; readonly index: number }
  | { readonly kind: 'past-end'; readonly name: string }
  | { readonly kind: 'switch'; readonly name: string; readonly rule: SwitchDispatch | undefined }
  | { readonly kind: 'lookup'; readonly name: string; readonly rule: LookupDispatch }
  | { readonly kind: 'view'; readonly name: string }
  | { readonly kind: 'buffer'; readonly name: string; readonly rule: BufferRule }
  | { readonly kind: 'engine'; readonly name: string; readonly rule: EngineRule }
  | { readonly kind: 'input-bounds'; readonly name: string }
  | { readonly kind: 'input-kind'; readonly name: string }
  | { readonly kind: 'unknown'; readonly name: string };

const has = (d: Readonly<Record<string, unknown>>, ...keys: string[]): boolean => keys.every((k) => Object.prototype.hasOwnProperty.call(d, k));

/**
 * The clause behind a refusal or crash. `refused` tells a refusal; `ruleThatHolds` re-evaluates
 * the refusal rules in order on the file (the first that holds is the one the consumer met).
 */
export function identifyClause(model: ConsumerModel, fault: ConsumerFault, refused: boolean, ruleThatHolds: () => number | undefined): Clause {
  const d = fault.details;
  const last = fault.path[fault.path.length - 1];
  if (refused) {
    if (has(d, 'needed', 'available') && typeof fault.path[0] === 'string' && model.refuse.read.some((f) => f.id === fault.path[0])) {
      return { kind: 'refuse-read', name: 'refuse.read', field: fault.path[0] };
    }
    const held = ruleThatHolds();
    const index = held !== undefined && model.refuse.rules[held]?.code === fault.code ? held : model.refuse.rules.findIndex((r) => r.code === fault.code);
    return index >= 0 ? { kind: 'refuse-rule', name: `refuse.rules[${index}]`, index } : { kind: 'unknown', name: 'refuse' };
  }
  if (fault.code === model.pastEndCode && has(d, 'needed', 'at', 'fileSize')) return { kind: 'past-end', name: 'load' };
  if (has(d, 'actual', 'implemented')) {
    const i = model.switches.findIndex((s) => s.code === fault.code);
    return { kind: 'switch', name: i >= 0 ? `dispatch.switch ${model.switches[i]!.struct}.${model.switches[i]!.field}` : 'dispatch', rule: model.switches[i] };
  }
  if (has(d, 'actual', 'allowed')) return { kind: 'switch', name: 'load (a tag with no case in the schema)', rule: undefined };
  const lookup = model.lookups.find((l) => l.code === fault.code && l.at === last && has(d, l.at));
  if (lookup) return { kind: 'lookup', name: `dispatch.lookup ${lookup.struct}.${lookup.let}`, rule: lookup };
  if (has(d, 'end', 'size', 'at')) return { kind: 'view', name: 'copies' };
  if (has(d, 'length', 'max')) {
    const i = model.buffers.findIndex((b) => b.code === fault.code);
    if (i >= 0) return { kind: 'buffer', name: `buffers[${i}]`, rule: model.buffers[i]! };
  }
  if (has(d, 'pattern', 'reason')) {
    const i = model.engines.findIndex((e) => e.code === fault.code);
    if (i >= 0) return { kind: 'engine', name: `engines[${i}]`, rule: model.engines[i]! };
  }
  const inputs = model.inputs;
  if (inputs && fault.code === inputs.codes.outOfBounds && has(d, 'index', 'supplied', 'key')) return { kind: 'input-bounds', name: 'inputs' };
  if (inputs && fault.code === inputs.codes.kind && has(d, 'index', 'needs', 'supplied')) return { kind: 'input-kind', name: 'inputs' };
  return { kind: 'unknown', name: 'unknown' };
}
