import type { WorkBudget } from '../../budget/work-budget.js';
import type { ConsumerFault } from '../../consumer/outcome.js';
import type { FieldPath, FindingCode, Issue } from '../../findings/index.js';
import { re2Check } from '../../regex/index.js';
import { INT_WIDTH, type IntType } from '../../schema/index.js';
import type { InputsDecl } from '../types.js';

/** An input read that is an issue (out of bounds or of the wrong kind), as bindInputs keeps it. */
export interface InputRead {
  readonly code: FindingCode;
  readonly path: FieldPath;
  readonly offset: number;
  readonly details: Record<string, unknown>;
  /** Position of its key in the profile's listing: the consumer evaluates key by key. */
  readonly rank: number;
}

/** What the input-binding helpers need of a profile. */
export interface BindProfile {
  readonly name: string;
  readonly inp: ReadonlyMap<number, readonly number[]>;
  readonly rank: ReadonlyMap<number, number>;
}

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
  /** Input binding: the reads that are issues, the latent ones, and what the hazards need. */
  reads: InputRead[] = [];
  latent: Issue[] = [];
  beyond: Set<number> | undefined;
  confused: Set<string> | undefined;
  unused: Map<number, number> | undefined;
  /** lookup() indexes, per store and key column, with the element count they were built on. */
  readonly lk = new Map<number, { n: number; m: Map<number, number> }>();
  tableSet = false;
  nodes = 0;
  nodeLeft = 0;
  busy = false;
  budget!: WorkBudget;

  constructor(widths: readonly number[], readonly inputs: InputsDecl | undefined, readonly kindNames: ReadonlyMap<number, string>) {
    this.st = widths.map((w) => ({ n: 0, cap: 64, c: Array.from({ length: w }, () => new Float64Array(64)) }));
  }

  reset(budget: WorkBudget, nodeLeft: number): void {
    this.fault = null;
    this.refused = null;
    // Copied into the result, never handed out: replaced only when used (setting length is slow).
    if (this.loadIssues.length > 0) this.loadIssues = [];
    this.unjudged = undefined;
    if (this.reads.length > 0) this.reads = [];
    if (this.latent.length > 0) this.latent = [];
    this.beyond = undefined;
    this.confused = undefined;
    this.unused = undefined;
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

const SCAN = 16;

/** An integer of at most 4 bytes at `at` (in bounds), as the generated code reads it. */
export function readIntAt(bytes: Uint8Array, at: number, t: IntType, le: boolean): number {
  const w = INT_WIDTH[t];
  let v = 0;
  for (let i = 0; i < w; i++) v = v * 256 + bytes[at + (le ? w - 1 - i : i)]!;
  if (t[0] === 's' && v >= 2 ** (8 * w - 1)) v -= 2 ** (8 * w);
  return v;
}

/** The first of `n` values of `c` equal to `v`, or -1. */
export function firstIndex(c: Float64Array, n: number, v: number): number {
  for (let i = 0; i < n; i++) if (c[i] === v) return i;
  return -1;
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
  /** A record whose key the profile does not supply (UNUSED_TEMPLATE counts them). */
  unused(S: RunState, key: number): void {
    S.unused ??= new Map();
    S.unused.set(key, (S.unused.get(key) ?? 0) + 1);
  },
  oob(S: RunState, P: BindProfile, key: number, sup: readonly number[], index: number, path: FieldPath, offset: number): void {
    (S.beyond ??= new Set()).add(key);
    S.reads.push({ code: S.inputs!.codes.outOfBounds, path, offset, rank: P.rank.get(key)!, details: { index, supplied: sup.length, key } });
  },
  confused(S: RunState, P: BindProfile, key: number, sup: readonly number[], index: number, kind: number, path: FieldPath, offset: number): void {
    (S.confused ??= new Set()).add(`${key}:${index}`);
    S.reads.push({ code: S.inputs!.codes.kind, path, offset, rank: P.rank.get(key)!, details: { index, needs: S.kindNames.get(kind) ?? kind, supplied: S.kindNames.get(sup[index]!) } });
  },
  /** A skipped element that names an input past what is supplied: harmless until it is switched on. */
  latent(S: RunState, P: BindProfile, key: number, sup: readonly number[], index: number, path: FieldPath, offset: number): void {
    S.latent.push({ code: S.inputs!.latent!, path, offset, details: { index, supplied: sup.length, key }, profile: P.name });
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
    // A small table is scanned: building an index would cost more than the lookups.
    if (st.n <= SCAN) return firstIndex(st.c[col]!, st.n, want);
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
