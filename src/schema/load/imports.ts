import { dirname, isAbsolute, resolve } from 'node:path';
import type { EnumDef, FormatSchema, SchemaCodeDef, StructDef } from '../model.js';
import type { Fail } from './build-context.js';
import { SchemaError } from './schema-error.js';

/** How deep imports may chain (a imports b imports c ...): real schemas use one or two levels. */
export const MAX_IMPORT_DEPTH = 16;

/** What the imported files contribute: their types, enums and codes, and which names came from them. */
export interface Imported {
  readonly types: ReadonlyMap<string, StructDef>;
  readonly enums: ReadonlyMap<string, EnumDef>;
  readonly codes: ReadonlyMap<string, SchemaCodeDef>;
  readonly typeNames: ReadonlySet<string>;
}

export const NOTHING_IMPORTED: Imported = { types: new Map(), enums: new Map(), codes: new Map(), typeNames: new Set() };

/** Files being loaded now, outermost first: an import of one of them is a cycle. */
const loading: string[] = [];

/**
 * Loads `imports:` (paths relative to the importing file) with `load`, each a schema of its own,
 * checked in its own file. Two files defining one name is an error at the import that brings the second.
 */
export function loadImports(list: readonly string[] | undefined, source: string, fail: Fail, load: (file: string) => FormatSchema): Imported {
  if (!list || list.length === 0) return NOTHING_IMPORTED;
  const types = new Map<string, StructDef>();
  const enums = new Map<string, EnumDef>();
  const codes = new Map<string, SchemaCodeDef>();
  const from = new Map<string, string>();
  list.forEach((entry, i) => {
    if (isAbsolute(entry)) fail(['imports', i], 'an import is a path relative to this schema file');
    const file = resolve(dirname(resolve(source)), entry);
    if (loading.includes(file)) fail(['imports', i], `import cycle: ${[...loading.slice(loading.indexOf(file)), file].join(' → ')}`);
    if (loading.length >= MAX_IMPORT_DEPTH) fail(['imports', i], `imports chain more than ${MAX_IMPORT_DEPTH} files deep`);
    let schema: FormatSchema;
    loading.push(resolve(source));
    try {
      schema = load(file);
    } catch (e) {
      if (e instanceof SchemaError) fail(['imports', i], `in the imported file: ${e.message}`);
      throw e;
    } finally {
      loading.pop();
    }
    const add = <T>(into: Map<string, T>, what: string, items: ReadonlyMap<string, T>): void => {
      for (const [name, v] of items) {
        const prev = from.get(`${what} ${name}`);
        if (prev !== undefined && into.get(name) !== v) fail(['imports', i], `${what} ${name} is defined both in ${prev} and in ${entry}`);
        into.set(name, v);
        from.set(`${what} ${name}`, entry);
      }
    };
    add(types, 'type', schema.types);
    add(enums, 'enum', schema.enums);
    add(codes, 'code', schema.codes);
  });
  return { types, enums, codes, typeNames: new Set(types.keys()) };
}
