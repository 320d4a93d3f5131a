import type { FieldPath } from '../../findings/index.js';
import { childScope, rootScope, type FieldDef, type Locate, type Scope } from '../../schema/index.js';
import type { Frame } from './plan.js';

/** Thrown by the compiled functions to abandon the fast path; the interpreter then decodes. */
export class Bail {
  constructor(readonly reason: string) {}
}

/** An object binary-parser is filling; `$o`/`$e` are offsets saved just before a compiled function reads (and removes) them. */
export type Live = Record<string, unknown> & { $o?: unknown; $e?: unknown };

/** The interpreter's node budget: past it the fast path bails and the interpreter reports DECODE_BUDGET. */
export { nodeBudget } from '../decode/decode-context.js';

const NO_PATH: FieldPath = Object.freeze([]) as FieldPath;

/** offsetof/sizeof/end while decoding: locations are built lazily afterwards, so leave it to the interpreter. */
const bailLocate: Locate = () => {
  throw new Bail('offsetof/sizeof/end needs the interpreter');
};

/**
 * Per-decode state shared by every compiled function of one decoder. A decode is
 * synchronous, so one slot per decoder is enough; it is reset before each parse and
 * released after, so no decoded tree stays reachable from the decoder.
 */
export class DecodeState {
  size = 0;
  private nodes = 0;
  private budget = 0;
  /** at offsets, byte sizes and switch tags in parse order, replayed by the location walk. */
  tape: number[] = [];
  /** Per call site: the object a count/size was computed for, and the value (see memo). */
  readonly memoObj: unknown[] = [];
  readonly memoVal: number[] = [];
  /** Per array site: the cursor saved before it (placed records seek back to it), and the current element index. */
  readonly cursor: number[] = [];
  readonly counter: number[] = [];
  /** Per frame: the object being filled, its repeat index, and its scope (made on first use). */
  private readonly frameObj: (Live | undefined)[] = [];
  private readonly frameIndex: (number | undefined)[] = [];
  private readonly frameScope: (Scope | undefined)[] = [];
  viewScopes: Scope[] = [];
  viewFields: FieldDef[] = [];
  viewHolders: Live[] = [];

  /** Sized once the parser is built and the number of call sites and frames is known. */
  allocate(sites: number, frames: number): void {
    for (let i = 0; i < sites; i++) { this.memoObj.push(undefined); this.memoVal.push(0); this.cursor.push(0); this.counter.push(-1); }
    for (let i = 0; i < frames; i++) { this.frameObj.push(undefined); this.frameIndex.push(undefined); this.frameScope.push(undefined); }
  }

  /** `budget`: the interpreter's node budget for this input; past it, it reports DECODE_BUDGET, so the fast path must not succeed. */
  begin(size: number, budget: number, fixedNodes: number): void {
    this.size = size;
    this.nodes = 0;
    this.budget = budget;
    this.tape = [];
    this.viewScopes = [];
    this.viewFields = [];
    this.viewHolders = [];
    this.addNodes(fixedNodes);
  }

  release(): void {
    this.memoObj.fill(undefined);
    this.frameObj.fill(undefined);
    this.frameIndex.fill(undefined);
    this.frameScope.fill(undefined);
    this.counter.fill(-1);
    this.viewScopes = [];
    this.viewFields = [];
    this.viewHolders = [];
    this.tape = [];
  }

  addNodes(n: number): void {
    this.nodes += n;
    if (this.nodes > this.budget) throw new Bail('node budget');
  }

  /**
   * A struct object starts being filled in `frame` (binary-parser's context variables
   * `$parent`/`$index` would do this, but their deletes put every decoded object in
   * dictionary mode: several times slower). A frame has one object in progress at a time.
   */
  enter(frame: Frame, obj: Live, index: number | undefined): void {
    this.frameObj[frame.id] = obj;
    this.frameIndex[frame.id] = index;
    this.frameScope[frame.id] = undefined;
  }

  /**
   * The Scope of the object in progress in `frame`, made once per object and kept while it
   * is filled, like the interpreter's scope, so `let` values are memoised exactly as there.
   * Paths are not tracked: only values are needed, and offsetof/sizeof bail.
   */
  scope(frame: Frame): Scope {
    const known = this.frameScope[frame.id];
    if (known) return known;
    const obj = this.frameObj[frame.id];
    if (!obj) throw new Bail('no object in progress');
    const s = frame.parent === null
      ? rootScope(obj, this.size, bailLocate, frame.lets)
      : childScope(this.scope(frame.parent), obj, NO_PATH, frame.indexed ? this.frameIndex[frame.id] : undefined, frame.lets);
    this.frameScope[frame.id] = s;
    return s;
  }

  /** A count or size computed on the first of binary-parser's repeated calls for the same object. */
  memo(site: number, obj: unknown): number | undefined {
    return this.memoObj[site] === obj ? this.memoVal[site] : undefined;
  }

  remember(site: number, obj: unknown, value: number): number {
    this.memoObj[site] = obj;
    this.memoVal[site] = value;
    return value;
  }
}

export { elementScope } from '../../schema/index.js';

/** Reads (and removes) an offset saved with saveOffset('$o'|'$e'): the property was just added, so delete is cheap. */
export function takeOffset(obj: Live, key: '$o' | '$e'): number {
  const v = obj[key];
  delete obj[key];
  if (typeof v !== 'number') throw new Bail('lost the saved offset');
  return v;
}
