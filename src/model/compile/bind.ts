import type { Issue } from '../../findings/index.js';
import { INT_WIDTH } from '../../schema/index.js';
import type { BranchTable, CoverageSink } from '../coverage.js';
import type { InputsDecl, ModelProfile } from '../types.js';
import { firstIndex, readIntAt, type RunState } from './runtime.js';
import type { StoreDef } from './stores.js';
import { firstInKeyOrder, isFault } from '../run/settle.js';

/** What the binding's end needs besides the run's state (made once per compiled model). */
export interface BindCtx {
  readonly inputs: InputsDecl;
  readonly kindNames: ReadonlyMap<number, string>;
  /** The declaration table's store, and its definition. */
  readonly table: number | undefined;
  readonly tableDef: StoreDef | undefined;
  readonly branches: BranchTable;
}

/**
 * The end of src/model/run/bind-inputs.ts, after the generated code bound every element as it was
 * read: the first read in the profile's key order is the fault when the load had none; then the
 * latent reads, the other reads, and the hazards of the declaration table, in that order.
 */
export function finishBinding(b: BindCtx, S: RunState, profile: ModelProfile, bytes: Uint8Array, cov: CoverageSink | null, out: Issue[]): void {
  if (S.fault === null && S.reads.length > 0) {
    const first = firstInKeyOrder(S.reads);
    S.fault = { code: first.code, path: first.path, offset: first.offset, details: first.details };
  }
  for (const l of S.latent) out.push(l);
  for (const r of S.reads) if (!isFault(S.fault, r.code, r.path)) out.push({ code: r.code, path: r.path, offset: r.offset, details: r.details, profile: profile.name });
  hazards(b, S, profile, bytes, cov, out);
}

function hazards(b: BindCtx, S: RunState, profile: ModelProfile, bytes: Uint8Array, cov: CoverageSink | null, out: Issue[]): void {
  const d = b.inputs.declares;
  const def = b.tableDef;
  if (!d || !def || b.table === undefined || !S.tableSet) return;
  const { kindNames, branches } = b;
  const { beyond, confused, unused } = S;
  const t = S.st[b.table]!;
  const keyCol = t.c[def.columns.get(d.key)!.index]!;
  const countCol = t.c[def.columns.get(d.count)!.index]!;
  const countOff = t.c[def.offsets.get(d.count)!]!;
  const kinds = def.arrays.get(d.kinds)!;
  const width = INT_WIDTH[kinds.type];
  // The first entry of each key: a small table is scanned, a large one indexed.
  let first: Map<number, number> | undefined;
  if (t.n > 16) {
    first = new Map();
    for (let k = 0; k < t.n; k++) if (!first.has(keyCol[k]!)) first.set(keyCol[k]!, k);
  }
  const firstOf = (key: number): number => (first ? first.get(key) ?? -1 : firstIndex(keyCol, t.n, key));
  const name = profile.name;
  for (const [key, supplied] of profile.inputs) {
    const k = firstOf(key);
    if (k < 0) continue;
    const declared = countCol[k]!;
    if (declared > supplied.length && !beyond?.has(key)) {
      cov?.hit(branches.hazardCount);
      out.push({ code: b.inputs.codes.countHazard, path: [d.table, k, d.count], offset: countOff[k]!, details: { key, declared, supplied: supplied.length }, profile: name });
    }
    const start = t.c[kinds.start]![k]!;
    const shared = Math.min(declared, supplied.length, t.c[kinds.count]![k]!);
    for (let f = 0; f < shared; f++) {
      const kind = readIntAt(bytes, start + f * width, kinds.type, kinds.le);
      if (!kindNames.has(kind) || kind === supplied[f] || confused?.has(`${key}:${f}`)) continue;
      cov?.hit(branches.hazardKind);
      out.push({
        code: b.inputs.codes.kindHazard, path: [d.table, k, d.kinds, f], offset: start + f * width,
        details: { key, field: f, declared: kindNames.get(kind), supplied: kindNames.get(supplied[f]!) }, profile: name,
      });
    }
  }
  if (!unused) return;
  const starts = t.c[def.start]!;
  for (let k = 0; k < t.n; k++) {
    const key = keyCol[k]!;
    const records = unused.get(key);
    if (records === undefined || firstOf(key) !== k) continue;
    cov?.hit(branches.hazardUnused);
    out.push({ code: b.inputs.codes.unused, path: [d.table, k], offset: starts[k]!, details: { key, records }, profile: name });
  }
}
