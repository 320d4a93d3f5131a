import type { Scope, StructDef, FormatSchema } from '../../schema/index.js';
import type { Source } from './choice.js';
import { newGen } from './context.js';
import type { EdgeHints } from './hints.js';
import { fillFields, finish, genStruct } from './struct.js';

/** A fresh value of one struct (an array element, a switch case) in `parent`'s scope: for mutations that insert. */
export function generateStruct(schema: FormatSchema, hints: EdgeHints, src: Source, struct: StructDef, parent: Scope | null, index?: number): Record<string, unknown> {
  const g = newGen(schema, hints, src);
  const value = genStruct(g, struct, parent, index);
  finish(g);
  return value;
}

/** Generates the fields `obj` lacks (and the encoder does not derive): after a switch tag changed, its new case's payload. */
export function fillMissing(schema: FormatSchema, hints: EdgeHints, src: Source, struct: StructDef, obj: Record<string, unknown>, scope: Scope): void {
  const g = newGen(schema, hints, src);
  fillFields(g, struct, obj, scope, { keyHint: undefined, uniq: undefined }, []);
  finish(g);
}
