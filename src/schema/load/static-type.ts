/**
 * What an expression can evaluate to, as far as the schema alone can tell: enough to resolve
 * every name at load time (a field, a let, a member of a struct-typed field) without a file.
 */
export type StaticType =
  | { readonly k: 'any' }
  | { readonly k: 'int' | 'bool' | 'str' | 'bytes' | 'null' | 'io' }
  | { readonly k: 'array'; readonly of: StaticType }
  /** A decoded struct value (a field of struct type, an element of `_root.types`): its fields only. */
  | { readonly k: 'obj'; readonly structs: readonly string[] }
  /** A scope (`_root`, `_parent`): the fields of its struct, its lets, `_parent`, `_root`, `_index`, `_io`. */
  | { readonly k: 'scope'; readonly structs: readonly string[] };

export const ANY: StaticType = { k: 'any' };
export const INT: StaticType = { k: 'int' };
export const BOOL: StaticType = { k: 'bool' };
export const NULL: StaticType = { k: 'null' };

/** Either of two types (the branches of `?:`, a name found in several switch cases). */
export function union(a: StaticType, b: StaticType): StaticType {
  if (a.k === 'null') return b;
  if (b.k === 'null') return a;
  if (a.k === 'any' || b.k === 'any') return ANY;
  if ((a.k === 'obj' && b.k === 'obj') || (a.k === 'scope' && b.k === 'scope')) {
    return { k: a.k, structs: [...new Set([...a.structs, ...b.structs])] };
  }
  if (a.k === 'array' && b.k === 'array') return { k: 'array', of: union(a.of, b.of) };
  return a.k === b.k ? a : ANY;
}

export function describeType(t: StaticType): string {
  switch (t.k) {
    case 'any': return 'a value';
    case 'int': return 'an integer';
    case 'bool': return 'true or false';
    case 'str': return 'text';
    case 'bytes': return 'bytes';
    case 'null': return 'null';
    case 'io': return '_io';
    case 'array': return 'an array';
    case 'obj': return `a ${t.structs.join(' or ')}`;
    case 'scope': return `the scope of ${t.structs.join(' or ')}`;
  }
}
