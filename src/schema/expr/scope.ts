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

export function rootScope(object: Record<string, unknown>, ioSize: number, locate: Locate, lets?: Readonly<Record<string, CompiledExpr>>): Scope {
  const scope: { -readonly [K in keyof Scope]: Scope[K] } = {
    [SCOPE_BRAND]: true, object, path: [], parent: null, root: undefined as unknown as Scope, index: undefined, ioSize, locate, lets,
  };
  scope.root = scope;
  return scope;
}

export function childScope(parent: Scope, object: Readonly<Record<string, unknown>>, path: FieldPath, index: number | undefined, lets?: Readonly<Record<string, CompiledExpr>>): Scope {
  return { [SCOPE_BRAND]: true, object, path, parent, root: parent.root, index, ioSize: parent.ioSize, locate: parent.locate, lets };
}

/**
 * The same struct seen from one element of an array (for per-element `at`, `derive` and `valid`).
 * Written out rather than spread: it runs once per element on the hot path.
 */
export function elementScope(s: Scope, index: number): Scope {
  return {
    [SCOPE_BRAND]: true, object: s.object, path: s.path, parent: s.parent, root: s.root, index,
    ioSize: s.ioSize, locate: s.locate, lets: s.lets, letCache: s.letCache,
  };
}
