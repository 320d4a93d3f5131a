import { deriveOf } from '../../encode/implied.js';
import { elementScope, evaluate, type Expr, type FieldDef, type Scope, type StructDef } from '../../schema/index.js';

/**
 * Fields that follow the layout rather than say something: counts, sizes, offsets and lengths
 * the schema derives from other fields (`derive:` reading the file, or a size a sibling implies),
 * checksums, and pools (their strings are compared where they are used). A constant `derive:`
 * (a magic number, a default channel) is only a default: such a field is content.
 */
export type LayoutKind = 'derived' | 'checksum' | 'pool';

export function layoutKind(struct: StructDef, field: FieldDef): LayoutKind | undefined {
  if (field.checksum) return 'checksum';
  if (field.pool) return 'pool';
  const how = deriveOf(struct, field);
  return how !== undefined && readsFile(how.ast) ? 'derived' : undefined;
}

function readsFile(e: Expr): boolean {
  switch (e.kind) {
    case 'name': case 'call': return true;
    case 'member': return readsFile(e.object);
    case 'index': return readsFile(e.object) || readsFile(e.index);
    case 'unary': return readsFile(e.operand);
    case 'binary': return readsFile(e.left) || readsFile(e.right);
    case 'cond': return readsFile(e.test) || readsFile(e.then) || readsFile(e.else);
    default: return false;
  }
}

/**
 * What the schema derives for a derived field of the new file, evaluated over the new file's own
 * decoded values and layout: the value the field holds when it merely follows the content. Per
 * element for an array. Undefined when the derivation cannot be evaluated there (a partial file).
 */
export function derivedValue(struct: StructDef, field: FieldDef, scope: Scope, value: unknown): unknown {
  const how = deriveOf(struct, field);
  if (how === undefined) return undefined;
  try {
    if (field.repeat !== undefined && Array.isArray(value)) return value.map((_, i) => evaluate(how, elementScope(scope, i)));
    return evaluate(how, scope);
  } catch {
    return undefined; // an EvalError, or a value of a partial decode the expression cannot use: not explained
  }
}
