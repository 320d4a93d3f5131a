import { caseStructs, type FieldDef, type FormatSchema } from '../model.js';
import type { Fail } from './build-model.js';

/** Cross-references a schema's parts: every name it uses must exist, and every option must fit its field. */
export function checkModel(schema: FormatSchema, fail: Fail, imported: ReadonlySet<string> = new Set()): void {
  if (schema.root === '') fail([], 'missing key "root" (the type that is the whole file)');
  if (!schema.types.has(schema.root)) fail(['root'], `type ${schema.root} is not defined under types`);
  for (const [name, struct] of schema.types) {
    // Imported types were checked in their own file, where an error can name its line.
    if (imported.has(name)) continue;
    struct.fields.forEach((f, i) => checkField(schema, f, ['types', name, 'seq', i], fail));
  }
  checkNoInfiniteNesting(schema, fail);
}

function checkField(schema: FormatSchema, f: FieldDef, path: readonly (string | number)[], fail: Fail): void {
  const at = (k: string) => [...path, k];
  const t = f.type;
  if (t.kind === 'struct') {
    if (!schema.types.has(t.struct)) fail(at('type'), `type ${t.struct} is not defined`);
    checkArity(schema, t.struct, t.args?.length ?? 0, at('type'), fail);
  }
  if (t.kind === 'switch') {
    for (const name of caseStructs(t)) {
      if (!schema.types.has(name)) fail([...path, 'type', 'cases'], `type ${name} is not defined`);
    }
    for (const [tag, name] of t.cases) checkArity(schema, name, t.caseArgs?.get(String(tag))?.length ?? 0, [...path, 'type', 'cases'], fail);
    for (const [text, name] of t.textCases ?? []) checkArity(schema, name, t.caseArgs?.get(`"${text}"`)?.length ?? 0, [...path, 'type', 'cases'], fail);
    if (t.defaultCase !== undefined) checkArity(schema, t.defaultCase, t.caseArgs?.get('_')?.length ?? 0, [...path, 'type', 'cases', '_'], fail);
  }
  const sized = f.size !== undefined || f.sizeEos === true;
  const isText = t.kind === 'bytes' || t.kind === 'str';
  if (f.size && f.sizeEos) fail(at('size_eos'), 'give size or size_eos, not both');
  if (isText && !sized && f.terminator === undefined) fail(path, `a ${t.kind} field needs a size, size_eos or a terminator`);
  if ((t.kind === 'int' || t.kind === 'bits') && sized) fail(at(f.sizeEos ? 'size_eos' : 'size'), 'integers have their own size: size applies to bytes, str, structs and switches');
  if (f.terminator !== undefined && !isText) fail(at('terminator'), 'a terminator ends a bytes or str field');
  if ((f.include !== undefined || f.consume !== undefined) && f.terminator === undefined) fail(at(f.include !== undefined ? 'include' : 'consume'), 'include and consume go with a terminator (or strz)');
  if (f.process && !sized) fail(at('process'), 'processed data needs its size in the file: size or size_eos');
  if (f.process && t.kind === 'str') fail(at('process'), 'process applies to bytes, or to a struct or switch read from the decompressed bytes');
  if (f.process && f.at) fail(at('process'), 'processed data is read in sequence, not placed with at');
  if (sized && (t.kind === 'struct' || t.kind === 'switch') && f.inline) fail(at('size'), 'an inline switch joins its struct: it cannot have its own size');
  if ((f.repeatKind === 'until' || f.repeatKind === 'eos') && (f.at || f.view)) fail(at('repeat'), `repeat: ${f.repeatKind} reads in sequence: no at or view`);
  if (f.cond && f.inline) fail(at('if'), 'an inline switch cannot be conditional: put the condition on its fields');
  if (f.inline && t.kind === 'switch' && t.caseArgs) fail([...path, 'type', 'cases'], 'an inline switch joins its struct: its cases cannot take parameters');
  if (f.view && !f.at) fail(at('view'), 'a view needs `at`, its offset inside the viewed field');
  if (f.view && f.repeat) fail(at('view'), 'a view cannot repeat');
  if (f.repeatBytes && (f.at || f.view)) fail(at('repeat_bytes'), 'an array sized in bytes is read in sequence: no at or view');
  if (f.view && t.kind !== 'str' && t.kind !== 'bytes') fail(at('view'), 'a view must be bytes or str');
  if (f.inline && t.kind !== 'switch') fail(at('inline'), 'only a switch can be inline');
  if (f.inline && (f.repeat || f.at)) fail(at('inline'), 'an inline switch cannot repeat or be placed with `at`');
  if (f.pool && t.kind !== 'bytes') fail(at('pool'), 'only a bytes field can be a pool');
  if (f.checksum) checkChecksum(f, at('checksum'), fail);
  if (f.pattern && t.kind !== 'str') fail(at('pattern'), 'a pattern must be a str field');
  if (f.utf8Code && t.kind !== 'str') fail(at('utf8_code'), 'utf8_code applies to str fields');
  if (f.derive && (t.kind === 'struct' || t.kind === 'switch')) fail(at('derive'), 'only integers and bytes can be derived');
  if (f.placement && !f.at) fail(at('placement'), 'placement applies to records placed with `at`');
  if (f.enumName !== undefined && !schema.enums.has(f.enumName)) fail(at('enum'), `enum ${f.enumName} is not defined`);
  if (f.enumName !== undefined && t.kind !== 'int' && t.kind !== 'bits') fail(at('enum'), 'only integer fields take an enum');
  f.valid.forEach((v, i) => {
    if (v.rule.kind === 'enum' && f.enumName === undefined) fail([...path, 'valid', i, 'enum'], 'enum: true needs the field to name an enum');
    if (v.rule.kind !== 'expr' && t.kind !== 'int' && t.kind !== 'bits') fail([...path, 'valid', i], 'eq, min, max, in, mask and enum apply to integer fields');
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
      if (f.repeat || f.at || f.cond) continue;
      const t = f.type;
      if (t.kind === 'struct') out.push(t.struct);
      if (t.kind === 'switch') out.push(...caseStructs(t));
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

/** A parametric type gets exactly one argument per parameter; a plain type none. */
function checkArity(schema: FormatSchema, name: string, given: number, path: readonly (string | number)[], fail: Fail): void {
  const wanted = schema.types.get(name)?.params?.length ?? 0;
  if (given !== wanted) {
    fail(path, wanted === 0 ? `type ${name} takes no parameters, ${given} given` : `type ${name} takes ${wanted} parameter(s) (${schema.types.get(name)!.params!.map((p) => p.id).join(', ')}), ${given} given`);
  }
}

/** Where a checksum is stored and what it covers: a range [from, to) or one field (`of`), not both. */
function checkChecksum(f: FieldDef, path: readonly (string | number)[], fail: Fail): void {
  const c = f.checksum!;
  const ranged = c.from !== undefined || c.to !== undefined;
  if (ranged && c.of) fail(path, 'a checksum covers a range (from, to) or a field (of), not both');
  if (!c.of && (c.from === undefined || c.to === undefined)) fail(path, 'a checksum needs from and to, or of');
  if (c.algo === 'sha256') {
    if (f.type.kind !== 'bytes' || f.size?.source !== '32') fail(path, 'a sha256 digest is stored in a bytes field of size 32');
  } else if (f.type.kind !== 'int' && f.type.kind !== 'bits') fail(path, `a ${c.algo} checksum is stored in an integer field`);
}
