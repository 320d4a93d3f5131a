import type { StructDef } from '../schema/index.js';
import { INT, type FieldPlan, type SchemaPlan, type StructPlan } from './plan.js';

/** A struct's fields with the cases of its inline switches merged in, as walked and written. */
export interface FlatStruct {
  readonly fields: readonly FieldPlan[];
  /** The position of each field id (its last, should a case repeat an id of its struct). */
  readonly posOf: ReadonlyMap<string, number>;
  /** For the unknown-key message. */
  readonly idList: string;
  /** The id of each field, in order: the keys of a value written in this order are checked without a lookup each. */
  readonly ids: readonly string[];
  /** Bytes of its integers when all its fields are single integers written in sequence (or views); else -1. */
  readonly intWidth: number;
}

/** One combination of inline-switch cases (in traversal order) of a struct, and its flat struct, built once. */
export class CaseNode {
  /** By the chosen case's plan id + 1; 0 for no case. */
  private readonly kids: Array<CaseNode | undefined> = [];
  private flatStruct: FlatStruct | undefined;

  constructor(readonly struct: StructPlan, readonly chosen: ReadonlyArray<StructDef | undefined>) {}

  /** The combination with one more choice (undefined: the tag has no case). */
  next(c: StructPlan | undefined): CaseNode {
    const at = c ? c.id + 1 : 0;
    let n = this.kids[at];
    if (!n) this.kids[at] = n = new CaseNode(this.struct, [...this.chosen, c?.def]);
    return n;
  }

  flat(plan: SchemaPlan): FlatStruct {
    return (this.flatStruct ??= flatten(plan, this.struct, this.chosen));
  }
}

function flatten(plan: SchemaPlan, struct: StructPlan, cases: ReadonlyArray<StructDef | undefined>): FlatStruct {
  const fields: FieldPlan[] = [];
  const posOf = new Map<string, number>();
  let next = 0;
  const add = (s: StructPlan): void => {
    for (const f of s.fields) {
      if (!f.isInline) { posOf.set(f.id, fields.length); fields.push(f); continue; }
      const c = cases[next++];
      if (c) add(plan.of(c));
    }
  };
  add(struct);
  const ints = fields.every((f) => f.view || (f.code === INT && !f.repeat && !f.at));
  const intWidth = ints ? fields.reduce((n, f) => n + (f.view ? 0 : f.width), 0) : -1;
  return { fields, posOf, idList: [...posOf.keys()].join(', ') || 'none', ids: fields.map((f) => f.id), intWidth };
}
