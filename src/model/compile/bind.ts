import type { FieldPath, FindingCode, Issue } from '../../findings/index.js';
import { readInt } from '../../parse/decode/read-int.js';
import { INT_WIDTH } from '../../schema/index.js';
import type { BranchTable, CoverageSink } from '../coverage.js';
import type { InputsDecl, ModelProfile } from '../types.js';
import type { RunState } from './runtime.js';
import type { StoreDef } from './stores.js';

export interface BindCtx {
  readonly S: RunState;
  readonly inputs: InputsDecl;
  readonly profile: ModelProfile;
  readonly kindNames: ReadonlyMap<number, string>;
  /** The declaration table's store, and its definition. */
  readonly table: number | undefined;
  readonly tableDef: StoreDef | undefined;
  readonly view: DataView;
  readonly cov: CoverageSink | null;
  readonly branches: BranchTable;
}

/**
 * The end of src/model/run/bind-inputs.ts, after the generated code bound every element as it was
 * read: the first read in the profile's key order is the fault when the load had none; then the
 * latent reads, the other reads, and the hazards of the declaration table, in that order.
 */
export function finishBinding(b: BindCtx, out: Issue[]): void {
  const { S, profile } = b;
  if (S.fault === null && S.reads.length > 0) {
    let first = S.reads[0]!;
    for (const r of S.reads) if (r.rank < first.rank) first = r;
    S.fault = { code: first.code, path: first.path, offset: first.offset, details: first.details };
  }
  for (const l of S.latent) out.push(l);
  for (const r of S.reads) if (!isFault(S, r.code, r.path)) out.push({ code: r.code, path: r.path, offset: r.offset, details: r.details, profile: profile.name });
  hazards(b, out);
}

export function isFault(S: RunState, code: FindingCode, path: FieldPath): boolean {
  const f = S.fault;
  return f !== null && f.code === code && f.path.length === path.length && f.path.every((p, i) => p === path[i]);
}

function hazards(b: BindCtx, out: Issue[]): void {
  const d = b.inputs.declares;
  const def = b.tableDef;
  if (!d || !def || b.table === undefined || !b.S.tableSet) return;
  const { S, profile, kindNames, cov, branches } = b;
  const { beyond, confused, unused } = S;
  const t = S.st[b.table]!;
  const keyCol = t.c[def.columns.get(d.key)!.index]!;
  const countCol = t.c[def.columns.get(d.count)!.index]!;
  const countOff = t.c[def.offsets.get(d.count)!]!;
  const kinds = def.arrays.get(d.kinds)!;
  const width = INT_WIDTH[kinds.type];
  const first = new Map<number, number>();
  for (let k = 0; k < t.n; k++) if (!first.has(keyCol[k]!)) first.set(keyCol[k]!, k);
  const name = profile.name;
  for (const [key, supplied] of profile.inputs) {
    const k = first.get(key);
    if (k === undefined) continue;
    const declared = countCol[k]!;
    if (declared > supplied.length && !beyond?.has(key)) {
      cov?.hit(branches.hazardCount);
      out.push({ code: b.inputs.codes.countHazard, path: [d.table, k, d.count], offset: countOff[k]!, details: { key, declared, supplied: supplied.length }, profile: name });
    }
    const start = t.c[kinds.start]![k]!;
    const shared = Math.min(declared, supplied.length, t.c[kinds.count]![k]!);
    for (let f = 0; f < shared; f++) {
      const kind = Number(readInt(b.view, start + f * width, kinds.type, kinds.le));
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
    if (records === undefined || first.get(key) !== k) continue;
    cov?.hit(branches.hazardUnused);
    out.push({ code: b.inputs.codes.unused, path: [d.table, k], offset: starts[k]!, details: { key, records }, profile: name });
  }
}
