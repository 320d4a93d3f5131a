import type { AssertDef, FieldDef, FormatSchema, StructDef } from '../../schema/index.js';
import type { FieldPlan } from './plan.js';
import { quickOf } from './quick-eval.js';

/* What plan.ts works out for the hot loop beyond the rules: resolved names, ids, asserts per struct. */

/** The asserts a value of `s` is judged by: its own and those of every inline case it may select. */
export function assertsOf(schema: FormatSchema, s: StructDef, seen: Set<StructDef>): AssertDef[] {
  if (seen.has(s)) return [];
  seen.add(s);
  const out = [...s.asserts];
  for (const f of s.fields) {
    if (f.type.kind !== 'switch' || !f.inline) continue;
    for (const name of f.type.cases.values()) {
      const c = schema.types.get(name);
      if (c) out.push(...assertsOf(schema, c, seen));
    }
  }
  return out;
}

/** Adds the ids of `s` and of its inline cases to `ids`; false at the first repeat (or a case that includes itself). */
export function distinctIds(schema: FormatSchema, s: StructDef, ids: Set<string>, open: Set<StructDef>): boolean {
  if (open.has(s)) return false;
  open.add(s);
  for (const f of s.fields) {
    if (f.type.kind === 'switch' && f.inline) {
      // One case is chosen: each is checked against the ids so far; the fields after it, against every case's.
      const all = new Set<string>();
      for (const name of new Set(f.type.cases.values())) {
        const c = schema.types.get(name);
        const mine = new Set(ids);
        if (c && !distinctIds(schema, c, mine, new Set(open))) return false;
        for (const id of mine) all.add(id);
      }
      for (const id of all) ids.add(id);
      continue;
    }
    if (ids.has(f.id)) return false;
    ids.add(f.id);
  }
  return true;
}

/** What a field's plan resolves once: its enum, struct, compiled tag and cases, and its id as a unique string. */
export function resolved(schema: FormatSchema, f: FieldDef): Pick<FieldPlan, 'def' | 'key' | 'en' | 'struct' | 'tag' | 'cases'> {
  const t = f.type;
  return {
    def: f,
    key: Object.keys({ [f.id]: 0 })[0]!, // a property name read back is internalized; the same characters
    en: f.enumName ? schema.enums.get(f.enumName) : undefined,
    struct: t.kind === 'struct' ? schema.types.get(t.struct) : undefined,
    tag: t.kind === 'switch' ? quickOf(t.on) : undefined,
    cases: t.kind === 'switch' ? new Map([...t.cases].map(([tag, name]) => [tag, schema.types.get(name)])) : undefined,
  };
}
