import type { FieldPath } from '../../findings/index.js';
import type { CompiledExpr } from './ast.js';

/** Where a decoded node sits in the file. */
export interface Location {
  readonly offset: number;
  readonly size: number;
}

/** Answers offsetof/sizeof/end for a field path; absent when the node was not decoded. */
export type Locate = (path: FieldPath) => Location | undefined;

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
}

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
  ) {
    this.root = root ?? this;
  }
}

export function rootScope(object: Record<string, unknown>, ioSize: number, locate: Locate, lets?: Readonly<Record<string, CompiledExpr>>): Scope {
  return new StructScope(object, [], null, undefined, undefined, ioSize, locate, lets, undefined);
}

export function childScope(parent: Scope, object: Readonly<Record<string, unknown>>, path: FieldPath, index: number | undefined, lets?: Readonly<Record<string, CompiledExpr>>): Scope {
  return new StructScope(object, path, parent, parent.root, index, parent.ioSize, parent.locate, lets, undefined);
}

/** The same struct seen from one element of an array (for per-element `at`, `derive` and `valid`). */
export function elementScope(s: Scope, index: number): Scope {
  return new StructScope(s.object, s.path, s.parent, s.root, index, s.ioSize, s.locate, s.lets, s.letCache);
}
