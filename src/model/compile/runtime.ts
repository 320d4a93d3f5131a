import type { WorkBudget } from '../../budget/work-budget.js';
import type { ConsumerFault } from '../../consumer/outcome.js';
import type { FieldPath, Issue } from '../../findings/index.js';
import { re2Check } from '../../regex/index.js';

/** A store's columns at run time (reused from run to run; grown by doubling). */
export interface StoreRt {
  n: number;
  cap: number;
  c: Float64Array[];
}

/** What one compiled simulation fills in: the interpreter's ModelRun, as columns and plain fields. */
export class RunState {
  fault: ConsumerFault | null = null;
  refused: { fault: ConsumerFault; report: boolean } | null = null;
  loadIssues: Issue[] = [];
  unjudged: { path: FieldPath; offset: number; reason: string } | undefined;
  /** The reason of the last 'unchecked' engine answer. */
  why = '';
  readonly st: StoreRt[];
  recPaths: FieldPath[] = [];
  /** lookup() indexes, per store and key column, with the element count they were built on. */
  readonly lk = new Map<number, { n: number; m: Map<number, number> }>();
  tableSet = false;
  nodes = 0;
  nodeLeft = 0;
  busy = false;
  budget!: WorkBudget;

  constructor(widths: readonly number[]) {
    this.st = widths.map((w) => ({ n: 0, cap: 64, c: Array.from({ length: w }, () => new Float64Array(64)) }));
  }

  reset(budget: WorkBudget, nodeLeft: number): void {
    this.fault = null;
    this.refused = null;
    // Both arrays are copied into the result, never handed out: emptied, not reallocated.
    this.loadIssues.length = 0;
    this.unjudged = undefined;
    this.recPaths.length = 0;
    if (this.lk.size > 0) this.lk.clear();
    this.tableSet = false;
    this.nodes = 0;
    this.nodeLeft = nodeLeft;
    this.budget = budget;
    for (const s of this.st) {
      // A file of a million criteria should not keep its columns alive afterwards (8 MB at most stay).
      if (s.cap > 262144) {
        s.cap = 64;
        s.c = s.c.map(() => new Float64Array(64));
      }
      s.n = 0;
    }
  }
}

/** Thrown for the evaluator's EvalError (caught where the interpreter catches it). */
const EV = { evalError: true } as const;
const UNCHECKED = { unchecked: true } as const;
const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** The helpers the generated code calls (passed in as `R`). */
export const R = {
  EV,
  UNCHECKED,
  ev(): never {
    throw EV;
  },
  /** An integer where null is the evaluator's "null used in arithmetic". */
  nn(v: number | null): number {
    if (v === null) throw EV;
    return v;
  },
  grow(s: StoreRt): void {
    s.cap *= 2;
    s.c = s.c.map((old) => {
      const c = new Float64Array(s.cap);
      c.set(old);
      return c;
    });
  },
  /** lookup(table, key, want): the first element whose key column equals want, or -1 (null). */
  lookup(S: RunState, store: number, col: number, want: number | null): number {
    if (want === null) return -1;
    const st = S.st[store]!;
    const slot = store * 65536 + col;
    let ix = S.lk.get(slot);
    // Arrays grow while they are read: an index built on fewer elements is stale (as keyIndex's).
    if (!ix || ix.n !== st.n) {
      const m = new Map<number, number>();
      const c = st.c[col]!;
      for (let i = 0; i < st.n; i++) if (!m.has(c[i]!)) m.set(c[i]!, i);
      S.lk.set(slot, (ix = { n: st.n, m }));
    }
    return ix.m.get(want) ?? -1;
  },
  /** The clock, every 4096 nodes: out of time is a bail (the interpreter then reports it). */
  late(S: RunState): boolean {
    return !S.budget.checkClock();
  },
  text(bytes: Uint8Array, at: number, n: number): string {
    return UTF8.decode(bytes.subarray(at, at + n));
  },
  /** The engine (RE2) on a text: null when it compiles, the reason when not, UNCHECKED without time. */
  engine(S: RunState, text: string): string | null | typeof UNCHECKED {
    try {
      const check = S.budget.timedRegex((ms) => re2Check(text, ms));
      if (check.kind === 'unchecked') {
        S.why = check.reason;
        return UNCHECKED;
      }
      return check.kind === 'valid' ? null : check.reason;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  },
};
export type Runtime = typeof R;
