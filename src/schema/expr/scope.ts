import type { FieldPath } from '../../findings/index.js';
import type { CompiledExpr } from './ast.js';

/** Where a decoded node sits in the file. */
export interface Location {
  readonly offset: number;
  readonly size: number;
  /** A struct whose decoding stopped part-way: where it starts is known, its size is not. */
  readonly partial?: boolean;
}

/** Answers offsetof/sizeof/end for a field path; absent when the node was not decoded. */
export type Locate = (path: FieldPath) => Location | undefined;

/**
 * The stream a struct is read from: the file, a `size`-bounded window of it, or decompressed bytes.
 * Positions are absolute in `bytes`; `_io.size` is `end - start`, `_io.pos` is `pos - start`.
 * The decoder moves `pos` to its cursor before it evaluates a field's expressions.
 */
export interface StreamIo {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  pos: number;
}

/** What a child scope may carry besides its object: its own stream, and the arguments of a parametric type. */
export interface ScopeExtra {
  readonly io?: StreamIo | undefined;
  readonly params?: Readonly<Record<string, unknown>> | undefined;
}

/** Brands real scopes, so a decoded struct with fields named `object` or `root` is never taken for one. */
export const SCOPE_BRAND: unique symbol = Symbol('preflight.scope');

/**
 * The lexical context of an expression: the struct it sits in, its parents, and the file.
 * Field values are read from `object`, then from the struct's `let` bindings.
 */
export interface Scope {
  readonly [SCOPE_BRAND]: true;
  readonly object: Readonly<Record<string, unknown>>;
  readonly path: FieldPath;
  readonly parent: Scope | null;
  readonly root: Scope;
  /** The innermost repeat index, if the struct (or element) is inside a repeat. */
  readonly index: number | undefined;
  readonly ioSize: number;
  readonly locate: Locate;
  readonly lets: Readonly<Record<string, CompiledExpr>> | undefined;
  /** Memo of evaluated lets, so a `let` used by many checks is computed once per struct. */
  letCache?: Map<string, unknown>;
  /** The stream being read; undefined where no decoder runs (checks after the decode use ioSize). */
  readonly io: StreamIo | undefined;
  /** A parametric type's arguments, by parameter name (no prototype). */
  readonly params: Readonly<Record<string, unknown>> | undefined;
  /** `_`: the element just read, in `repeat_until`. */
  readonly item: unknown;
}

const NO_ITEM: unique symbol = Symbol('no item');
export const isNoItem = (v: unknown): boolean => v === NO_ITEM;

/**
 * Scopes as class instances, not object literals: a literal with a symbol key is built one
 * property at a time, and the decoder, the checks, the encoder and the generator make one for
 * every struct (the generator's value rate rose by a third with the class alone).
 */
class StructScope implements Scope {
  readonly [SCOPE_BRAND] = true as const;
  readonly root: Scope;

  constructor(
    readonly object: Readonly<Record<string, unknown>>,
    readonly path: FieldPath,
    readonly parent: Scope | null,
    root: Scope | undefined,
    readonly index: number | undefined,
    readonly ioSize: number,
    readonly locate: Locate,
    readonly lets: Readonly<Record<string, CompiledExpr>> | undefined,
    public letCache: Map<string, unknown> | undefined,
    readonly io: StreamIo | undefined,
    readonly params: Readonly<Record<string, unknown>> | undefined,
    readonly item: unknown,
  ) {
    this.root = root ?? this;
  }
}

/**
 * The stream and arguments a decoded struct was read with, so that scopes built again after the
 * decode (the checks, the encoder) see the same `_io.size` and parameters. Consulted only once a
 * decode has recorded one: schemas without substreams or parameters pay nothing.
 */
const EXTRAS = new WeakMap<object, ScopeExtra>();
let anyExtras = false;

export function rememberScopeExtra(object: object, extra: ScopeExtra): void {
  anyExtras = true;
  EXTRAS.set(object, extra);
}

const recalled = (object: object): ScopeExtra | undefined => (anyExtras ? EXTRAS.get(object) : undefined);

export function rootScope(object: Record<string, unknown>, ioSize: number, locate: Locate, lets?: Readonly<Record<string, CompiledExpr>>, io?: StreamIo): Scope {
  const stream = io ?? recalled(object)?.io;
  return new StructScope(object, [], null, undefined, undefined, ioSize, locate, lets, undefined, stream, undefined, NO_ITEM);
}

/**
 * A struct inside `parent`. It reads from the parent's stream unless `extra.io` gives its own
 * (a substream); `_io.size` follows the stream. Parameters are the child's alone.
 */
export function childScope(parent: Scope, object: Readonly<Record<string, unknown>>, path: FieldPath, index: number | undefined, lets?: Readonly<Record<string, CompiledExpr>>, extra?: ScopeExtra): Scope {
  const own = extra ?? recalled(object);
  const io = own?.io ?? parent.io;
  const ioSize = own?.io ? own.io.end - own.io.start : parent.ioSize;
  return new StructScope(object, path, parent, parent.root, index, ioSize, parent.locate, lets, undefined, io, own?.params, NO_ITEM);
}

/** The same struct seen from one element of an array (for per-element `at`, `derive` and `valid`). */
export function elementScope(s: Scope, index: number): Scope {
  return new StructScope(s.object, s.path, s.parent, s.root, index, s.ioSize, s.locate, s.lets, s.letCache, s.io, s.params, s.item);
}

/** The same struct with `_` bound to the element just read (for `repeat_until`). */
export function itemScope(s: Scope, item: unknown, index: number): Scope {
  return new StructScope(s.object, s.path, s.parent, s.root, index, s.ioSize, s.locate, s.lets, s.letCache, s.io, s.params, item);
}

/** `_` in this scope, or NO_ITEM outside a `repeat_until`. */
export function scopeItem(s: Scope): unknown {
  return s.item;
}
