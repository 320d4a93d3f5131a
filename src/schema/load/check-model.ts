import type { FieldDef, FormatSchema } from '../model.js';
import type { Fail } from './build-model.js';

/** Cross-references a schema's parts: every name it uses must exist, and every option must fit its field. */
export function checkModel(schema: FormatSchema, fail: Fail): void {
  if (!schema.types.has(schema.root)) fail(['root'], `type ${schema.root} is not defined under types`);
  for (const [name, struct] of schema.types) {
    struct.fields.forEach((f, i) => checkField(schema, f, ['types', name, 'seq', i], fail));
  }
  checkNoInfiniteNesting(schema, fail);
}

function checkField(schema: FormatSchema, f: FieldDef, path: readonly (string | number)[], fail: Fail): void {
  const at = (k: string) => [...path, k];
  const t = f.type;
  if (t.kind === 'struct' && !schema.types.has(t.struct)) fail(at('type'), `type ${t.struct} is not defined`);
  if (t.kind === 'switch') {
    for (const [tag, name] of t.cases) if (!schema.types.has(name)) fail([...path, 'type', 'cases', String(tag)], `type ${name} is not defined`);
  }
  if ((t.kind === 'bytes' || t.kind === 'str') && !f.size) fail(path, `a ${t.kind} field needs a size`);
  if (t.kind !== 'bytes' && t.kind !== 'str' && f.size) fail(at('size'), 'only bytes and str fields take a size');
  if (f.view && !f.at) fail(at('view'), 'a view needs `at`, its offset inside the viewed field');
  if (f.view && f.repeat) fail(at('view'), 'a view cannot repeat');
  if (f.repeatBytes && (f.at || f.view)) fail(at('repeat_bytes'), 'an array sized in bytes is read in sequence: no at or view');
  if (f.view && t.kind !== 'str' && t.kind !== 'bytes') fail(at('view'), 'a view must be bytes or str');
  if (f.inline && t.kind !== 'switch') fail(at('inline'), 'only a switch can be inline');
  if (f.inline && (f.repeat || f.at)) fail(at('inline'), 'an inline switch cannot repeat or be placed with `at`');
  if (f.pool && t.kind !== 'bytes') fail(at('pool'), 'only a bytes field can be a pool');
  if (f.checksum && t.kind !== 'int') fail(at('checksum'), 'a checksum is stored in an integer field');
  if (f.pattern && t.kind !== 'str') fail(at('pattern'), 'a pattern must be a str field');
  if (f.utf8Code && t.kind !== 'str') fail(at('utf8_code'), 'utf8_code applies to str fields');
  if (f.derive && (t.kind === 'struct' || t.kind === 'switch')) fail(at('derive'), 'only integers and bytes can be derived');
  if (f.placement && !f.at) fail(at('placement'), 'placement applies to records placed with `at`');
  if (f.enumName !== undefined && !schema.enums.has(f.enumName)) fail(at('enum'), `enum ${f.enumName} is not defined`);
  if (f.enumName !== undefined && t.kind !== 'int') fail(at('enum'), 'only integer fields take an enum');
  f.valid.forEach((v, i) => {
    if (v.rule.kind === 'enum' && f.enumName === undefined) fail([...path, 'valid', i, 'enum'], 'enum: true needs the field to name an enum');
    if (v.rule.kind !== 'expr' && t.kind !== 'int') fail([...path, 'valid', i], 'eq, min, max, in, mask and enum apply to integer fields');
  });
  if (f.unique) {
    if (!f.repeat) fail(at('unique'), 'unique applies to arrays');
    const elem = t.kind === 'struct' ? schema.types.get(t.struct) : undefined;
    if (!elem || !elem.fields.some((x) => x.id === f.unique!.key)) fail([...path, 'unique', 'key'], `the array's elements have no field ${f.unique.key}`);
  }
}

/**
 * A struct that contains itself through plain fields would never end: reject it here, not at decode
 * time. Iterative depth-first search: a chain of 20,000 nested types must not overflow the stack.
 */
function checkNoInfiniteNesting(schema: FormatSchema, fail: Fail): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const plainChildren = (name: string): string[] => {
    const out: string[] = [];
    for (const f of schema.types.get(name)?.fields ?? []) {
      if (f.repeat || f.at) continue;
      const t = f.type;
      if (t.kind === 'struct') out.push(t.struct);
      if (t.kind === 'switch') out.push(...t.cases.values());
    }
    return out;
  };
  for (const start of schema.types.keys()) {
    if (state.has(start)) continue;
    const stack: Array<{ name: string; kids: string[]; next: number }> = [{ name: start, kids: plainChildren(start), next: 0 }];
    state.set(start, 'visiting');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next >= top.kids.length) {
        state.set(top.name, 'done');
        stack.pop();
        continue;
      }
      const kid = top.kids[top.next++]!;
      if (state.get(kid) === 'visiting') {
        const trail = stack.slice(stack.findIndex((s) => s.name === kid)).map((s) => s.name);
        const shown = trail.length > 8 ? [...trail.slice(0, 4), `… ${trail.length - 7} more …`, ...trail.slice(-3)] : trail;
        fail(['types', kid], `type ${kid} contains itself (${[...shown, kid].join(' → ')}) with no repeat or at to end it`);
      }
      if (!state.has(kid)) {
        state.set(kid, 'visiting');
        stack.push({ name: kid, kids: plainChildren(kid), next: 0 });
      }
    }
  }
}
