import { WorkBudget, defaultNodeBudget } from '../../budget/work-budget.js';
import { CappedIssues, type IssueSink } from '../../findings/capped-issues.js';
import type { FieldPath, FindingCode, Issue } from '../../findings/index.js';
import { Locations } from './locations.js';
import type { FieldDef, FormatSchema } from '../../schema/index.js';
import type { Scope } from '../../schema/index.js';
import type { DecodeStream } from './stream.js';

/**
 * How many nodes a decode may produce by default. A legitimate file decodes to about two nodes per
 * byte at most; a hostile one can point many records at the same bytes, so the work is capped at
 * four, and at an absolute bound that keeps the decoded tree's memory bounded.
 */
export const nodeBudget = defaultNodeBudget;

/** What a decode spends from and reports into; both default to its own. */
export interface DecodeOptions {
  readonly budget?: WorkBudget;
  readonly sink?: IssueSink;
}

/** Thrown to abandon the current sequence after a finding was recorded (e.g. a truncated read). */
export class Stop {
  readonly stop = true;
}
export const STOP = new Stop();

/**
 * Thrown when a budget runs out. Not a Stop: nothing catches it to go on with the next field or
 * element (a loop that did would spend the whole declared count for nothing). Only `decode` does.
 */
export class OutOfBudget {
  readonly outOfBudget = true;
}
export const OUT_OF_BUDGET = new OutOfBudget();

export interface PendingView {
  readonly scope: Scope;
  readonly field: FieldDef;
  readonly path: FieldPath;
  readonly holder: Record<string, unknown>;
}

/** Mutable state of one decode: the bytes, what was found, and where every node sits. */
export class DecodeContext {
  readonly view: DataView;
  /** The issues of this decode when no sink was given (what `decode` returns). */
  readonly ownIssues: Issue[] = [];
  readonly issues: IssueSink;
  readonly budget: WorkBudget;
  readonly locations: Locations;
  /** For records placed by a pointer: the path of the pointer field (e.g. instances[3] ← index[3]). */
  readonly pointers = new Map<string, FieldPath>();
  readonly pendingViews: PendingView[] = [];
  /** Structs whose decoding stopped part-way: their true size is unknown. */
  readonly partial = new Set<string>();
  complete = true;
  /** Set once a budget stopped the decode: every later step stops at once, without more findings. */
  outOfBudget = false;
  /** Records being decoded inside one another now (see MAX_NESTING). */
  depth = 0;
  /**
   * Where the last bit field ended, while bit fields follow one another: the next one goes on in
   * the same byte (Kaitai's semantics). Any byte-aligned read, or a jump (`at`), ends the run.
   */
  bitRun: { readonly io: DecodeStream; readonly bit: number; readonly endian: 'be' | 'le' } | undefined;
  /** Bytes produced by `process` so far in this decode (bounded by MAX_INFLATED_TOTAL). */
  inflated = 0;

  /**
   * Where nodes read from decompressed bytes sit inside them (their file location is the compressed
   * field's): made on the first such node, so a decode without `process` pays nothing.
   */
  inner: Locations | undefined;

  constructor(readonly schema: FormatSchema, readonly bytes: Uint8Array, private readonly root: Record<string, unknown>, options: DecodeOptions = {}) {
    this.locations = new Locations(root);
    this.locations.setRoot(bytes.length);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = options.budget ?? new WorkBudget(bytes.length);
    this.issues = options.sink ?? this.ownIssues;
  }

  /** Drops what this decode found and placed (Decoded.release says why). */
  release(): void {
    this.locations.release();
    this.inner?.release();
    this.pointers.clear();
    this.partial.clear();
    this.pendingViews.length = 0;
    this.ownIssues.length = 0;
  }

  get size(): number {
    return this.bytes.length;
  }

  get locate() {
    return this.locations.locate;
  }

  place(container: object, key: string | number, offset: number, size: number): void {
    this.locations.place(container, key, offset, size);
  }

  report(code: FindingCode, path: FieldPath, offset: number, details?: Record<string, unknown>): void {
    if (this.issues instanceof CappedIssues && !this.issues.wants(code)) {
      this.issues.countOnly(code);
      return;
    }
    this.issues.push(details ? { code, path, offset, details } : { code, path, offset });
  }

  /**
   * A finding at position `pos` of stream `io`. In the file and its substreams that is the file
   * offset (`fileOffset` may put it elsewhere, e.g. at the node a pointer names); in decompressed
   * bytes it lands on the compressed field, with the position inside as details.inner_offset.
   */
  reportAt(io: DecodeStream, code: FindingCode, path: FieldPath, pos: number, details?: Record<string, unknown>, fileOffset?: number): void {
    if (io.origin) this.report(code, path, io.origin.offset, { ...details, inner_offset: pos });
    else this.report(code, path, fileOffset ?? pos, details);
  }

  /** Locates a node read at [offset, offset + size) of `io` (at the compressed field when `io` is decompressed). */
  placeIn(io: DecodeStream, container: object, key: string | number, offset: number, size: number, partial = false): void {
    if (io.origin) {
      this.locations.place(container, key, io.origin.offset, io.origin.size, partial);
      (this.inner ??= new Locations(this.root)).place(container, key, offset, size, partial);
    } else {
      this.locations.place(container, key, offset, size, partial);
      // A struct read from decompressed bytes was placed inside them first; as a field it sits in this stream.
      this.inner?.unplace(container, key);
    }
  }

  /**
   * Kaitai-style: check the bytes are there before every read, and say how many were needed and
   * left. The limit is the stream's end: inside a substream, the detail `substream` names the
   * field that bounds it.
   */
  need(io: DecodeStream, offset: number, count: number, parentPath: FieldPath, key: string | number, what: string): void {
    if (offset >= io.start && offset + count <= io.end) return;
    this.complete = false;
    const details: Record<string, unknown> = { needed: count, at: offset, available: Math.max(0, io.end - offset), what };
    if (io.label !== undefined) details.substream = io.label;
    this.reportAt(io, 'TRUNCATED', [...parentPath, key], Math.min(Math.max(offset, io.start), io.end), details);
    throw STOP;
  }

  /**
   * An expression the schema needs could not be evaluated. After a truncation that is expected
   * (its data is missing, and that is already reported); on a complete decode it is a finding.
   */
  cannotEvaluate(path: FieldPath, offset: number, what: string, source: string, reason: string): never {
    if (this.complete) this.report('CONSTRAINT', path, offset, { rule: `${what} ${source}`, values: reason });
    this.complete = false;
    throw STOP;
  }

  /** Spends one node; past the node or time budget, reports where decoding stopped (once) and stops. */
  countNode(parentPath: FieldPath, key: string | number, offset: number): void {
    if (this.outOfBudget) throw OUT_OF_BUDGET;
    if (this.budget.spendNode()) return;
    this.stopForBudget([...parentPath, key], offset, { ...this.budget.exceeded! });
  }

  /** A budget or limit cut the decode short: one DECODE_BUDGET finding at `path`, then everything stops. */
  stopForBudget(path: FieldPath, offset: number, details: Record<string, unknown>): never {
    this.complete = false;
    if (!this.outOfBudget) this.report('DECODE_BUDGET', path, offset, { ...details, stage: 'decode' });
    this.outOfBudget = true;
    throw OUT_OF_BUDGET;
  }
}
