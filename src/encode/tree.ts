import type { FieldPath } from '../findings/index.js';
import { childScope, elementScope, evaluate, rootScope, type CompiledExpr, type Locate, type ParamDef, type Scope, type StreamIo } from '../schema/index.js';
import type { Locations } from './locations.js';
import type { FieldPlan, FlatStruct } from './plan.js';

/** What every scope of a phase shares: `_io.size`, the layout once it is written, and the root. */
export interface Env {
  ioSize: number;
  locations: Locations | undefined;
  readonly root: Frame;
  /** Every scope built so far (most frames never need one). */
  readonly scopes: Scope[];
  /** The layout as written (zeros where values are still to derive), for `_io` in derivations. */
  layout?: Uint8Array;
  /** Write fields at the offsets their `at` gives when known (schemas with the new constructs; see Writer.drainAt). */
  readonly honourAt: boolean;
}

const noLocate: Locate = () => undefined;

/** What a few frames carry beyond the plain ones (one field, so plain frames stay small). */
export interface FrameExt {
  /** A parametric type's arguments (evaluated in the parent's scope) and parameters. */
  args?: readonly CompiledExpr[];
  params?: readonly ParamDef[];
  /** `$compressed` of the source: the original bytes of processed fields, by field id. */
  compressed?: Record<string, unknown>;
  /** The decompressed bytes of processed fields, by `pos` or `pos/index`, for `checksum: {of}`. */
  inner?: Map<string, Uint8Array>;
  /** Written inside a processed (compressed) stream: its locations are the compressed field's. */
  processed?: boolean;
  /** A sized struct is a stream of its own: where it starts and ends in the file (checksum ranges are relative to it). */
  stream?: { readonly start: number; readonly end: number };
}

/**
 * One struct instance of the value being encoded: its object, its place in the tree and its fields.
 * Built once by normalize and shared by every later phase, which therefore do not walk the
 * schema again or re-choose switch cases (the cases normalize chose are final: the normalized
 * value only holds the chosen case's fields). Its path and expression scope are built only
 * when something asks for them: most expressions are answered by fast-expr without a scope.
 */
export class Frame {
  /** Set once normalize has filled the struct (the inline cases are known only then). */
  flat!: FlatStruct;
  /** Where each field was written, per position p: offset and size at [2p, 2p + 1] (unset: not written). */
  locs!: number[];
  /** Per position in `flat.fields`: the frame of a struct field, or the frames of a repeated struct's elements. */
  kids: Array<Frame | Array<Frame | undefined> | undefined> | undefined;
  /** Per position of a repeated field: where its element i was written, at [2i, 2i + 1]. */
  elems: Array<number[] | undefined> | undefined;
  /** How many fields normalize has filled so far: the position of the next. */
  filled = 0;
  ext: FrameExt | undefined;
  private pathMemo: FieldPath | undefined;
  private scopeMemo: Scope | undefined;

  constructor(
    readonly obj: Record<string, unknown>,
    /** The frame holding this one (undefined for the root), in field `key`, element `index` if repeated. */
    readonly parent: Frame | undefined,
    readonly key: string,
    /** The scope's `_index`. */
    readonly index: number | undefined,
    readonly lets: Readonly<Record<string, CompiledExpr>> | undefined,
    readonly env: Env,
  ) {}

  /** Called once normalize has filled the struct. */
  setFlat(flat: FlatStruct): void {
    this.flat = flat;
    this.locs = new Array<number>(2 * flat.fields.length);
  }

  get path(): FieldPath {
    if (!this.pathMemo) {
      const p = this.parent;
      this.pathMemo = !p ? [] : this.index === undefined ? [...p.path, this.key] : [...p.path, this.key, this.index];
    }
    return this.pathMemo;
  }

  /** The same scope normalize and every phase used to build for this struct. */
  get scope(): Scope {
    if (!this.scopeMemo) {
      this.scopeMemo = this.parent
        ? childScope(this.parent.scope, this.obj, this.path, this.index, this.lets, this.ext?.args ? { params: this.params() } : undefined)
        : rootScope(this.obj, this.env.ioSize, this.env.locations?.locate ?? noLocate, this.lets);
      this.env.scopes.push(this.scopeMemo);
    }
    return this.scopeMemo;
  }

  /** A parametric type's arguments by parameter name, evaluated where the type is used (EvalError if they cannot be yet). */
  private params(): Record<string, unknown> {
    const { args = [], params = [] } = this.ext!;
    const at = this.index === undefined ? this.parent!.scope : elementScope(this.parent!.scope, this.index);
    const out = Object.create(null) as Record<string, unknown>;
    for (let i = 0; i < params.length && i < args.length; i++) out[params[i]!.id] = evaluate(args[i]!, at);
    return out;
  }

  /** A fresh scope of this struct reading `io` (its stream), for a derivation that reads `_io`. */
  scopeWithIo(io: StreamIo): Scope {
    const params = this.ext?.args ? this.params() : undefined;
    const locate = this.env.locations?.locate ?? noLocate;
    return this.parent
      ? childScope(this.parent.scope, this.obj, this.path, this.index, this.lets, { io, params })
      : rootScope(this.obj, this.env.ioSize, locate, this.lets, io);
  }

  /** The stream this struct is written in: its own sized struct's, or the file. */
  get stream(): { readonly start: number; readonly end: number } {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.ext?.stream) return f.ext.stream;
    return { start: 0, end: this.env.ioSize };
  }

  /** The scope, if something has built it. */
  get builtScope(): Scope | undefined {
    return this.scopeMemo;
  }
}

/** One non-struct field (int, bytes, str, view; maybe repeated) of one struct instance. */
export class Visit {
  /** `pos`: the field's position in `frame.flat.fields`; `seq`: the visit's place in traversal order. */
  constructor(readonly f: FieldPlan, readonly frame: Frame, readonly pos: number, readonly seq: number) {}

  /** The path of the field itself, built only for messages. */
  get path(): FieldPath {
    return [...this.frame.path, this.f.id];
  }
}

/** The normalized value and, in traversal order, the work the later phases have to do on it. */
export interface Tree {
  readonly value: Record<string, unknown>;
  readonly edit: unknown;
  readonly env: Env;
  /** Fields normalize left absent (or arrays with absent elements), except views and checksums... */
  toDerive: Visit[];
  /** ...and except single fields derived from the layout: nothing can be done for them before it. */
  lateDerive: Visit[];
  readonly pools: Visit[];
  readonly views: Visit[];
  checksums: Visit[];
  /** `if` fields the source leaves out that the encoder could compute, once their condition is known. */
  readonly conds: Visit[];
}

type MutableScope = { -readonly [K in keyof Scope]: Scope[K] };

/**
 * Starts an evaluation pass. A pass used to build fresh scopes; these are reused, so what a fresh
 * scope would not have is cleared: memoized lets (possibly computed before a field was derived),
 * and `_io.size`/locate of an earlier phase.
 */
export function resetScopes(tree: Tree, layout?: { ioSize: number; locations: Locations }): void {
  if (layout) {
    tree.env.ioSize = layout.ioSize;
    tree.env.locations = layout.locations;
  }
  for (const scope of tree.env.scopes) {
    const s = scope as MutableScope;
    if (s.letCache !== undefined) s.letCache = undefined;
    if (layout) {
      s.ioSize = layout.ioSize;
      s.locate = layout.locations.locate;
    }
  }
}
