import { EvalError, chooseCase as caseOfTag, evaluate, type CaseTarget, type FieldDef, type FormatSchema, type Scope, type StructDef } from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { pathOf, type LazyPath } from './locations.js';

/** The struct a switch selects; undefined for a tag with no case (written with no payload). */
export function chooseCase(schema: FormatSchema, f: FieldDef, scope: Scope, path: LazyPath): StructDef | undefined {
  const name = chooseCaseIn(f, scope, path)?.struct;
  return name === undefined ? undefined : schema.types.get(name);
}

/** The case (its struct and arguments) a switch's tag selects in `scope`, as the decoder chooses it. */
export function chooseCaseIn(f: FieldDef, scope: Scope, path: LazyPath): CaseTarget | undefined {
  if (f.type.kind !== 'switch') return undefined;
  let tag: unknown;
  try {
    tag = evaluate(f.type.on, scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    throw new EncodeError(`cannot choose the case of ${f.id}: ${e.message}`, pathOf(path));
  }
  return caseOfTag(f.type, tag);
}

