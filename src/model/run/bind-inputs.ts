import type { FieldPath, FindingCode, Issue } from '../../findings/index.js';
import { EvalError, childScope, evaluateBool, evaluateInt, type Scope } from '../../schema/index.js';
import type { InputsDecl } from '../types.js';
import { firstInKeyOrder, isFault } from './settle.js';
import type { ModelRun } from './state.js';

interface Read {
  readonly code: FindingCode;
  readonly path: FieldPath;
  readonly offset: number;
  readonly details: Record<string, unknown>;
  /** Position of its key in the profile's listing: the consumer evaluates key by key. */
  readonly rank: number;
}

/**
 * Input binding, the July 2024 rule in general form: every element of every record whose key the
 * profile supplies reads input `index` of that key's array when `when` holds, and needs `kind`.
 * A read at or past the supplied count, or of the other kind, is an issue wherever it is; the
 * consumer meets them key by key in the profile's order, records in read order, so after a load
 * without a fault the first of them in that order is the fault. Then the hazards: the content's
 * own declaration of each key against what the profile supplies.
 */
export function bindInputs(run: ModelRun, inputs: InputsDecl, out: Issue[]): void {
  const { profile, model } = run.bound;
  const kindNames = model.schema.enums.get(inputs.kindEnum)!.byValue;
  const rank = new Map([...profile.inputs.keys()].map((k, i) => [k, i]));
  const elementDef = model.schema.types.get(inputs.element)!;
  const reads: Read[] = [];
  const beyond = new Set<number>();
  const confused = new Set<string>();
  const unused = new Map<number, number>();
  for (const rec of run.records) {
    if (!run.budget.tick()) return budgetStop(run, out, rec.path);
    const key = int(inputs.key, rec.scope);
    if (key === undefined) continue;
    const supplied = profile.inputs.get(key);
    if (supplied === undefined) {
      run.cov.hit(run.branches.keyUnsupplied);
      unused.set(key, (unused.get(key) ?? 0) + 1);
      continue;
    }
    const items = rec.obj[inputs.reads];
    if (!Array.isArray(items)) continue;
    for (let j = 0; j < items.length; j++) {
      const el = items[j] as Record<string, unknown> | null;
      if (el === null || typeof el !== 'object') continue;
      const path = [...rec.path, inputs.reads, j];
      const scope = childScope(rec.scope, el, path, j, elementDef.lets);
      if (!bool(inputs.when, scope)) {
        run.cov.hit(run.branches.inputSkip);
        if (inputs.latent) latentRead(run, inputs.latent, inputs.index, scope, supplied.length, key, path, run.offsetOf(items, j) ?? 0, out);
        continue;
      }
      const index = int(inputs.index, scope);
      const kind = int(inputs.kind, scope);
      if (index === undefined || kind === undefined) continue;
      const offset = run.offsetOf(items, j) ?? 0;
      if (index < 0 || index >= supplied.length) {
        run.cov.hit(run.branches.inputOob);
        beyond.add(key);
        reads.push({ code: inputs.codes.outOfBounds, path, offset, rank: rank.get(key)!, details: { index, supplied: supplied.length, key } });
      } else if (kind !== supplied[index]) {
        run.cov.hit(run.branches.inputKind);
        confused.add(`${key}:${index}`);
        reads.push({ code: inputs.codes.kind, path, offset, rank: rank.get(key)!, details: { index, needs: kindNames.get(kind) ?? kind, supplied: kindNames.get(supplied[index]!) } });
      } else run.cov.hit(run.branches.inputRead);
    }
  }
  if (run.fault === null && run.spentAt === undefined && reads.length > 0) {
    const first = firstInKeyOrder(reads);
    run.crash(first.code, first.path, first.offset, first.details);
  }
  for (const r of reads) if (!isFault(run.fault, r.code, r.path)) out.push({ code: r.code, path: r.path, offset: r.offset, details: r.details, profile: profile.name });
  declaredHazards(run, inputs, out, beyond, confused, unused);
}

function declaredHazards(run: ModelRun, inputs: InputsDecl, out: Issue[], beyond: Set<number>, confused: Set<string>, unused: Map<number, number>): void {
  const d = inputs.declares;
  const table = d ? run.rootValue[d.table] : undefined;
  if (!d || !Array.isArray(table)) return;
  const { profile, model } = run.bound;
  const kindNames = model.schema.enums.get(inputs.kindEnum)!.byValue;
  const first = new Map<number, number>();
  table.forEach((entry, k) => {
    if (entry === null || typeof entry !== 'object') return;
    const key = Number((entry as Record<string, unknown>)[d.key]);
    if (!first.has(key)) first.set(key, k);
  });
  const name = profile.name;
  for (const [key, supplied] of profile.inputs) {
    const k = first.get(key);
    if (k === undefined) continue;
    const entry = table[k] as Record<string, unknown>;
    const declared = Number(entry[d.count]);
    if (declared > supplied.length && !beyond.has(key)) {
      run.cov.hit(run.branches.hazardCount);
      out.push({ code: inputs.codes.countHazard, path: [d.table, k, d.count], offset: run.offsetOf(entry, d.count) ?? 0, details: { key, declared, supplied: supplied.length }, profile: name });
    }
    const kinds = entry[d.kinds];
    if (!Array.isArray(kinds)) continue;
    const shared = Math.min(declared, supplied.length, kinds.length);
    for (let f = 0; f < shared; f++) {
      const kind = Number(kinds[f]);
      if (!kindNames.has(kind) || kind === supplied[f] || confused.has(`${key}:${f}`)) continue;
      run.cov.hit(run.branches.hazardKind);
      out.push({
        code: inputs.codes.kindHazard, path: [d.table, k, d.kinds, f], offset: run.offsetOf(kinds, f) ?? 0,
        details: { key, field: f, declared: kindNames.get(kind), supplied: kindNames.get(supplied[f]!) }, profile: name,
      });
    }
  }
  table.forEach((entry, k) => {
    if (entry === null || typeof entry !== 'object') return;
    const key = Number((entry as Record<string, unknown>)[d.key]);
    const records = unused.get(key);
    if (records === undefined || first.get(key) !== k) return;
    run.cov.hit(run.branches.hazardUnused);
    out.push({ code: inputs.codes.unused, path: [d.table, k], offset: run.offsetOf(table, k) ?? 0, details: { key, records }, profile: name });
  });
}

function budgetStop(run: ModelRun, out: Issue[], path: FieldPath): void {
  out.push({ code: 'DECODE_BUDGET', path, offset: 0, details: { ...run.budget.timeExceeded, stage: 'consumer model' }, profile: run.bound.profile.name });
}

function int(e: InputsDecl['key'], scope: Scope): number | undefined {
  try {
    const v = evaluateInt(e, scope);
    return typeof v === 'bigint' ? undefined : v;
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}

function bool(e: InputsDecl['when'], scope: Scope): boolean {
  try {
    return evaluateBool(e, scope);
  } catch (err) {
    if (err instanceof EvalError) return false;
    throw err;
  }
}

/** A skipped element whose input number is past what the profile supplies: harmless until it is switched on. */
function latentRead(run: ModelRun, code: FindingCode, indexExpr: InputsDecl['index'], scope: Scope, supplied: number, key: number, path: FieldPath, offset: number, out: Issue[]): void {
  const index = int(indexExpr, scope);
  if (index === undefined || (index >= 0 && index < supplied)) return;
  run.cov.hit(run.branches.inputLatent);
  out.push({ code, path, offset, details: { index, supplied, key }, profile: run.bound.profile.name });
}
