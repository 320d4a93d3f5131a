import type { FieldPath, FindingCode, Issue } from '../../findings/index.js';
import { Locations } from './locations.js';
import type { FieldDef, FormatSchema } from '../../schema/index.js';
import type { Scope } from '../../schema/index.js';

/**
 * How many nodes a decode may produce. A legitimate file decodes to about two nodes per byte at
 * most; a hostile one can point many records at the same bytes, so the work is capped at four.
 */
export const nodeBudget = (size: number): number => 10_000 + size * 4;

/** Thrown to abandon the current sequence after a finding was recorded (e.g. a truncated read). */
export class Stop {
  readonly stop = true;
}
export const STOP = new Stop();

export interface PendingView {
  readonly scope: Scope;
  readonly field: FieldDef;
  readonly path: FieldPath;
  readonly holder: Record<string, unknown>;
}

/** Mutable state of one decode: the bytes, what was found, and where every node sits. */
export class DecodeContext {
  readonly view: DataView;
  readonly issues: Issue[] = [];
  readonly locations: Locations;
  /** For records placed by a pointer: the path of the pointer field (e.g. instances[3] ← index[3]). */
  readonly pointers = new Map<string, FieldPath>();
  readonly pendingViews: PendingView[] = [];
  /** Structs whose decoding stopped part-way: their true size is unknown. */
  readonly partial = new Set<string>();
  nodes = 0;
  complete = true;
  readonly nodeBudget: number;

  constructor(readonly schema: FormatSchema, readonly bytes: Uint8Array, root: Record<string, unknown>) {
    this.locations = new Locations(root);
    this.locations.setRoot(bytes.length);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.nodeBudget = nodeBudget(bytes.length);
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
    this.issues.push(details ? { code, path, offset, details } : { code, path, offset });
  }

  /** Kaitai-style: check the bytes are there before every read, and say how many were needed and left. */
  need(offset: number, count: number, parentPath: FieldPath, key: string | number, what: string): void {
    if (offset >= 0 && offset + count <= this.bytes.length) return;
    this.complete = false;
    this.report('TRUNCATED', [...parentPath, key], Math.min(Math.max(offset, 0), this.bytes.length), {
      needed: count, at: offset, available: Math.max(0, this.bytes.length - offset), what,
    });
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

  countNode(parentPath: FieldPath, key: string | number, offset: number): void {
    if (++this.nodes <= this.nodeBudget) return;
    this.complete = false;
    if (this.nodes === this.nodeBudget + 1) this.report('DECODE_BUDGET', [...parentPath, key], offset, { limit: this.nodeBudget });
    throw STOP;
  }
}
