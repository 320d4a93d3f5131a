import { caseStructs, type FieldDef, type FormatSchema, type StructDef } from '../model.js';

/**
 * Who uses which struct, for static name resolution. A struct's expressions are evaluated in a
 * scope: its own, or, when it is an inline switch case, the scope of the struct that inlines it
 * (its fields are merged there). All tables are Maps: keys are names from the schema file.
 */
export interface SchemaGraph {
  /** The structs whose scope a struct's field expressions and asserts are evaluated in. */
  readonly scopesOf: ReadonlyMap<string, readonly string[]>;
  /** For a scope struct, the scope structs `_parent` can be; absent when nothing uses it. */
  readonly parentsOf: ReadonlyMap<string, readonly string[]>;
  /** The names a decoded value of a struct holds (its fields and its inline cases' fields), each with its fields. */
  readonly membersOf: ReadonlyMap<string, ReadonlyMap<string, readonly FieldDef[]>>;
}

export function buildGraph(schema: FormatSchema): SchemaGraph {
  const inlinedIn = new Map<string, string[]>(); // case struct → structs that inline it
  const usedBy = new Map<string, string[]>(); // struct → structs with a (non-inline) field of it
  const push = (m: Map<string, string[]>, k: string, v: string): void => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
  for (const [name, s] of schema.types) {
    for (const f of s.fields) {
      const t = f.type;
      if (t.kind === 'struct') push(usedBy, t.struct, name);
      if (t.kind === 'switch') for (const c of caseStructs(t)) push(f.inline ? inlinedIn : usedBy, c, name);
    }
  }
  const scopesOf = allScopes(schema.types.keys(), schema.root, inlinedIn, usedBy);
  const parentsOf = new Map<string, readonly string[]>();
  for (const [name, users] of usedBy) {
    const parents = new Set<string>();
    for (const u of users) for (const s of scopesOf.get(u) ?? []) parents.add(s);
    parentsOf.set(name, [...parents]);
  }
  const membersOf = new Map<string, ReadonlyMap<string, readonly FieldDef[]>>();
  for (const name of schema.types.keys()) membersOf.set(name, membersFor(schema, name));
  return { scopesOf, parentsOf, membersOf };
}

/**
 * The real scopes of every struct: itself when decoded on its own (a field, a case, the root, or
 * nothing uses it), plus the scopes of the structs that inline it. Memoised and iterative: chains
 * of thousands of inline cases cost one visit each, not one walk each.
 */
function allScopes(names: Iterable<string>, root: string, inlinedIn: ReadonlyMap<string, string[]>, usedBy: ReadonlyMap<string, string[]>): Map<string, readonly string[]> {
  const memo = new Map<string, readonly string[]>();
  for (const start of names) {
    const stack: Array<{ name: string; expanded: boolean }> = [{ name: start, expanded: false }];
    const onStack = new Set<string>();
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (memo.has(top.name)) { stack.pop(); continue; }
      const hosts = inlinedIn.get(top.name) ?? [];
      if (!top.expanded) {
        top.expanded = true;
        onStack.add(top.name);
        // A cycle of inline cases is refused by checkModel before this runs; skip it here regardless.
        for (const h of hosts) if (!memo.has(h) && !onStack.has(h)) stack.push({ name: h, expanded: false });
        continue;
      }
      stack.pop();
      onStack.delete(top.name);
      const out = new Set<string>();
      if (top.name === root || usedBy.has(top.name) || hosts.length === 0) out.add(top.name);
      for (const h of hosts) for (const s of memo.get(h) ?? []) out.add(s);
      memo.set(top.name, [...out]);
    }
  }
  return memo;
}

/** A struct's value: its fields, and the fields of every case of its inline switches (and theirs). */
function membersFor(schema: FormatSchema, name: string): Map<string, FieldDef[]> {
  const out = new Map<string, FieldDef[]>();
  const seen = new Set<string>([name]);
  const todo: StructDef[] = [schema.types.get(name)!];
  while (todo.length) {
    const s = todo.pop()!;
    for (const f of s.fields) {
      const t = f.type;
      if (t.kind === 'switch' && f.inline) {
        for (const c of caseStructs(t)) if (!seen.has(c)) { seen.add(c); todo.push(schema.types.get(c)!); }
        continue;
      }
      const l = out.get(f.id);
      if (l) l.push(f); else out.set(f.id, [f]);
    }
  }
  return out;
}
