import type { CompiledExpr } from '../expr/index.js';
import type { FieldDef, FormatSchema } from '../model.js';
import type { Fail } from './build-model.js';
import { checkLets } from './check-lets.js';
import { TypeInference, UnresolvedName } from './infer-type.js';
import { buildGraph } from './schema-graph.js';

type Path = ReadonlyArray<string | number>;

/**
 * Resolves every name in every expression of the schema, at load: a misspelled field
 * (`header.file_sise`, `repeat: header.type_cuont`) is a schema error naming the key, never a
 * rule that silently fails to evaluate on every file. A name must exist in at least one of the
 * scopes the expression can be evaluated in: fields later in the struct count (derivations read
 * them), and so do fields that only some switch cases have (a condition may guard them).
 */
export function resolveNames(schema: FormatSchema, fail: Fail, imported: ReadonlySet<string> = new Set()): void {
  checkLets(schema, fail);
  const graph = buildGraph(schema);
  const types = new TypeInference(schema, graph);
  const check = (e: CompiledExpr | undefined, scopes: readonly string[], path: Path, itemOf?: FieldDef): void => {
    if (!e) return;
    try {
      if (itemOf) types.inferWithItem(e.ast, scopes, itemOf);
      else types.infer(e.ast, scopes);
    } catch (err) {
      if (err instanceof UnresolvedName) fail(path, `${err.message}, in ${clipped(e.source)}`);
      throw err;
    }
  };
  for (const [name, struct] of schema.types) {
    if (imported.has(name)) continue;
    const base = ['types', name];
    // A struct's lets are evaluated in its own scope; its fields and asserts where it is decoded.
    for (const [k, e] of Object.entries(struct.lets ?? {})) check(e, [name], [...base, 'let', k]);
    const scopes = graph.scopesOf.get(name) ?? [name];
    struct.fields.forEach((f, i) => checkField(f, scopes, [...base, 'seq', i], check));
    struct.asserts.forEach((a, i) => {
      check(a.rule, scopes, [...base, 'asserts', i, 'rule']);
      const first = a.path?.[0];
      if (first !== undefined && !scopes.some((s) => graph.membersOf.get(s)?.has(first))) {
        fail([...base, 'asserts', i, 'path'], `${first} is not a field of ${name}`);
      }
    });
  }
}

type Check = (e: CompiledExpr | undefined, scopes: readonly string[], path: Path, itemOf?: FieldDef) => void;

function checkField(f: FieldDef, scopes: readonly string[], path: Path, check: Check): void {
  const at = (...k: Array<string | number>): Path => [...path, ...k];
  if (f.repeatBytes) check(f.repeatBytes, scopes, at('repeat_bytes'));
  else check(f.repeat, scopes, at('repeat'));
  check(f.size, scopes, at('size'));
  check(f.at, scopes, at('at'));
  check(f.view, scopes, at('view'));
  check(f.derive, scopes, at('derive'));
  check(f.cond, scopes, at('if'));
  check(f.repeatUntil, scopes, at('repeat_until'), f);
  const t = f.type;
  if (t.kind === 'struct') t.args?.forEach((a) => check(a, scopes, at('type')));
  if (t.kind === 'switch') {
    check(t.on, scopes, at('type', 'switch_on'));
    for (const [k, args] of t.caseArgs ?? []) args.forEach((a) => check(a, scopes, at('type', 'cases', k)));
  }
  f.valid.forEach((v, i) => { if (v.rule.kind === 'expr') check(v.rule.expr, scopes, at('valid', i, 'expr')); });
  if (f.placement) {
    check(f.placement.start, scopes, at('placement', 'start'));
    check(f.placement.end, scopes, at('placement', 'end'));
  }
  if (f.checksum) {
    check(f.checksum.from, scopes, at('checksum', 'from'));
    check(f.checksum.to, scopes, at('checksum', 'to'));
    check(f.checksum.of, scopes, at('checksum', 'of'));
  }
}

function clipped(source: string): string {
  return source.length > 80 ? `${source.slice(0, 77)}...` : source;
}
