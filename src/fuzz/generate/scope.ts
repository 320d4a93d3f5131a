import type { CompiledExpr, Locate, Scope } from '../../schema/index.js';
import { SCOPE_BRAND } from '../../schema/expr/scope.js';

type Lets = Readonly<Record<string, CompiledExpr>> | undefined;
const noLocate: Locate = () => undefined;
const EMPTY: readonly string[] = [];

/**
 * The scope of a struct being drawn: what childScope and rootScope make (the same fields, the
 * brand an own property), as a class. An object literal with a symbol key is built one property
 * at a time; the generator makes a scope for every struct it draws, and redraws.
 */
class DrawScope implements Scope {
  readonly [SCOPE_BRAND] = true as const;
  readonly root: Scope;
  letCache?: Map<string, unknown> = undefined;

  constructor(
    readonly object: Readonly<Record<string, unknown>>,
    readonly path: readonly string[],
    readonly parent: Scope | null,
    root: Scope | undefined,
    readonly index: number | undefined,
    readonly ioSize: number,
    readonly locate: Locate,
    readonly lets: Lets,
  ) {
    this.root = root ?? this;
  }
}

/** childScope(parent, obj, [], index, lets), or rootScope(obj, NaN, noLocate, lets) without a parent. */
export function drawScope(parent: Scope | null, obj: Record<string, unknown>, index: number | undefined, lets: Lets): Scope {
  return parent
    ? new DrawScope(obj, EMPTY, parent, parent.root, index, parent.ioSize, parent.locate, lets)
    : new DrawScope(obj, EMPTY, null, undefined, undefined, NaN, noLocate, lets);
}
