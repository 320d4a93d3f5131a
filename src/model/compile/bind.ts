import type { FieldPath, FindingCode, Issue } from '../../findings/index.js';
import { readInt } from '../../parse/decode/read-int.js';
import { INT_WIDTH } from '../../schema/index.js';
import type { BranchTable, CoverageSink } from '../coverage.js';
import type { InputsDecl, ModelProfile } from '../types.js';
import type { RunState } from './runtime.js';
import { EL, REC, type StoreDef } from './stores.js';

interface Read {
  readonly code: FindingCode;
  readonly path: FieldPath;
  readonly offset: number;
  readonly details: Record<string, unknown>;
  readonly rank: number;
}

export interface BindCtx {
  readonly S: RunState;
  readonly inputs: InputsDecl;
  readonly profile: ModelProfile;
  readonly kindNames: ReadonlyMap<number, string>;
  readonly rank: ReadonlyMap<number, number>;
  readonly io: { readonly rec: number; readonly el: number; readonly table: number | undefined };
  readonly table: StoreDef | undefined;
  readonly view: DataView;
  readonly cov: CoverageSink | null;
  readonly branches: BranchTable;
}

/**
 * src/model/run/bind-inputs.ts over the kept columns: the same reads, fault, issues and hazards in
 * the same order. Returns false when the time ran out (the caller bails to the interpreter).
 */
export function bindCompiled(b: BindCtx, out: Issue[]): boolean {
  const { S, inputs, profile, kindNames, rank, cov, branches } = b;
  const recs = S.st[b.io.rec]!;
  const els = S.st[b.io.el]!;
  // Most files read no input out of bounds or of the wrong kind: the sets are made when needed.
  const reads: Read[] = [];
  let beyond: Set<number> | undefined;
  let confused: Set<string> | undefined;
  let unused: Map<number, number> | undefined;
  const [keyC, firstC] = [recs.c[REC.key]!, recs.c[REC.first]!];
  const [keepC, indexC, kindC, offC] = [els.c[EL.keep]!, els.c[EL.index]!, els.c[EL.kind]!, els.c[EL.off]!];
  for (let r = 0; r < recs.n; r++) {
    if ((r & 1023) === 1023 && !S.budget.checkClock()) return false;
    const key = keyC[r]!;
    if (Number.isNaN(key)) continue;
    const supplied = profile.inputs.get(key);
    if (supplied === undefined) {
      cov?.hit(branches.keyUnsupplied);
      unused ??= new Map();
      unused.set(key, (unused.get(key) ?? 0) + 1);
      continue;
    }
    const first = firstC[r]!;
    const end = r + 1 < recs.n ? firstC[r + 1]! : els.n;
    const count = supplied.length;
    for (let e = first; e < end; e++) {
      const keep = keepC[e]!;
      if (keep === 0) {
        cov?.hit(branches.inputSkip);
        continue;
      }
      if (keep !== 1) continue;
      const index = indexC[e]!;
      const kind = kindC[e]!;
      if (index >= 0 && index < count && kind === supplied[index]) {
        cov?.hit(branches.inputRead);
        continue;
      }
      const offset = offC[e]!;
      const path = [...S.recPaths[r]!, inputs.reads, e - first];
      if (index < 0 || index >= count) {
        cov?.hit(branches.inputOob);
        (beyond ??= new Set()).add(key);
        reads.push({ code: inputs.codes.outOfBounds, path, offset, rank: rank.get(key)!, details: { index, supplied: count, key } });
      } else {
        cov?.hit(branches.inputKind);
        (confused ??= new Set()).add(`${key}:${index}`);
        reads.push({ code: inputs.codes.kind, path, offset, rank: rank.get(key)!, details: { index, needs: kindNames.get(kind) ?? kind, supplied: kindNames.get(supplied[index]!) } });
      }
    }
  }
  if (S.fault === null && reads.length > 0) {
    let first = reads[0]!;
    for (const r of reads) if (r.rank < first.rank) first = r;
    S.fault = { code: first.code, path: first.path, offset: first.offset, details: first.details };
  }
  for (const r of reads) if (!isFault(S, r.code, r.path)) out.push({ code: r.code, path: r.path, offset: r.offset, details: r.details, profile: profile.name });
  hazards(b, out, beyond, confused, unused);
  return true;
}

export function isFault(S: RunState, code: FindingCode, path: FieldPath): boolean {
  const f = S.fault;
  return f !== null && f.code === code && f.path.length === path.length && f.path.every((p, i) => p === path[i]);
}

function hazards(b: BindCtx, out: Issue[], beyond: Set<number> | undefined, confused: Set<string> | undefined, unused: Map<number, number> | undefined): void {
  const d = b.inputs.declares;
  const def = b.table;
  if (!d || !def || b.io.table === undefined || !b.S.tableSet) return;
  const { S, profile, kindNames, cov, branches } = b;
  const t = S.st[b.io.table]!;
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
