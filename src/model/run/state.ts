import type { WorkBudget } from '../../budget/work-budget.js';
import type { FieldPath, FindingCode, Issue } from '../../findings/index.js';
import type { FieldDef, Location, Scope } from '../../schema/index.js';
import type { ConsumerFault } from '../../consumer/outcome.js';
import type { BranchTable, CoverageSink } from '../coverage.js';
import type { BoundConsumer } from './compile.js';

/** Thrown to abandon the current read sequence (the cursor is lost); the fault, if any, is recorded. */
export class Halt {
  readonly halt = true;
}
export const HALT = new Halt();
/** Thrown when the work budget is spent: everything stops (a DECODE_BUDGET issue says where). */
export class Spent {
  readonly spent = true;
}
export const SPENT = new Spent();

/** A record whose elements may read inputs, registered once its head is read. */
export interface InputRecord {
  readonly scope: Scope;
  readonly obj: Record<string, unknown>;
  readonly path: FieldPath;
}

/** A copied buffer: where it was read from and its declared size (bounds of every view into it). */
export interface CopiedBuffer {
  readonly offset: number;
  readonly size: number;
}

/**
 * The state of one model-driven simulation: the bytes, the first fault, the issues found while
 * loading, what was read (as plain values, for the expressions) and where each node sits.
 */
export class ModelRun {
  readonly len: number;
  readonly view: DataView;
  fault: ConsumerFault | null = null;
  /** Issues that do not depend on being first (buffer overflows seen anywhere), deduplicated later. */
  readonly loadIssues: Issue[] = [];
  readonly records: InputRecord[] = [];
  readonly copies = new Map<string, CopiedBuffer>();
  /** Offsets of struct fields and struct-array elements, by holder object. */
  private readonly offsets = new Map<object, Map<string | number, number>>();
  /** Start and element width of integer arrays (elements are located, not stored). */
  readonly intArrays = new Map<object, { start: number; width: number }>();
  /** The innermost record being read (an element of a record array, or a root field): where a bad read is reported. */
  recordPath: FieldPath = [];
  recordOffset = 0;
  /** Where the next root field at the cursor starts (-1: lost after a bad read). */
  cursor = 0;
  depth = 0;
  /** The first pattern an engine had no time to judge. */
  unjudged: { path: FieldPath; offset: number; reason: string } | undefined;
  spentAt: { path: FieldPath; offset: number } | undefined;

  /** Where decisions are counted (the fuzzer's coverage); a sink that ignores them when absent. */
  readonly cov: CoverageSink;

  constructor(readonly bytes: Uint8Array, readonly bound: BoundConsumer, readonly budget: WorkBudget, readonly branches: BranchTable, coverage?: CoverageSink) {
    this.cov = coverage ?? IGNORE;
    this.len = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  crash(code: FindingCode, path: FieldPath, offset: number, details: Record<string, unknown>): void {
    if (this.fault === null) this.fault = { code: code as ConsumerFault['code'], path, offset, details };
  }

  /** A read of `needed` bytes at `at` that does not fit the file buffer: a crash at the current record. */
  pastEnd(field: FieldDef, at: number, needed: number, what: string): never {
    this.cov.hit(this.branches.pastEnd.get(field)!);
    this.crash(this.bound.model.pastEndCode, this.recordPath, this.recordOffset, { needed, at, what, fileSize: this.len });
    throw HALT;
  }

  /**
   * Whether the struct being read records its fields' offsets: only structs whose fields a fault
   * or hazard is reported at (see BoundConsumer.located). Other structs are located by their start,
   * which their holder records: a Map per criterion was most of the garbage on a 1 MiB file.
   */
  placing = true;

  place(holder: object, key: string | number, offset: number): void {
    if (this.placing) this.placeAlways(holder, key, offset);
  }

  placeAlways(holder: object, key: string | number, offset: number): void {
    let m = this.offsets.get(holder);
    if (!m) this.offsets.set(holder, (m = new Map()));
    m.set(key, offset);
  }

  offsetOf(holder: object, key: string | number): number | undefined {
    const own = this.offsets.get(holder)?.get(key);
    if (own !== undefined) return own;
    const ints = this.intArrays.get(holder);
    return ints && typeof key === 'number' ? ints.start + key * ints.width : undefined;
  }

  /** offsetof() for expressions: walks the path through the values read. */
  locate = (path: FieldPath): Location | undefined => {
    let holder: unknown = this.rootValue;
    let offset: number | undefined = 0;
    for (const seg of path) {
      if (typeof holder !== 'object' || holder === null) return undefined;
      offset = this.offsetOf(holder, seg);
      holder = (holder as Record<string | number, unknown>)[seg];
    }
    return offset === undefined ? undefined : { offset, size: 0 };
  };

  rootValue: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
}

const IGNORE: CoverageSink = { hit: () => undefined };
