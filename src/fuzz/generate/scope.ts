import { childScope, rootScope, type CompiledExpr, type Locate, type Scope, type ScopeExtra } from '../../schema/index.js';

type Lets = Readonly<Record<string, CompiledExpr>> | undefined;
const noLocate: Locate = () => undefined;
const EMPTY: readonly string[] = [];

/** The scope of a struct being drawn: no path (nothing is located while generating). */
export function drawScope(parent: Scope | null, obj: Record<string, unknown>, index: number | undefined, lets: Lets, extra?: ScopeExtra): Scope {
  if (!parent) return rootScope(obj, NaN, noLocate, lets);
  return extra ? childScope(parent, obj, EMPTY, index, lets, extra) : childScope(parent, obj, EMPTY, index, lets);
}
