import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * Hostile schemas, consumer models and profiles, generated with fast-check over the shape of the
 * real ones (schemas/preflight-schema.json describes it; the bundled documents are its examples):
 * a real document with parts replaced by hostile values (deep nesting, huge counts and literals,
 * long names, unknown and prototype keys, wrong types, expressions that try to reach a
 * constructor), or hostile YAML text (alias bombs, deep flow nesting, custom tags, duplicate
 * keys, control characters).
 */
export type DefinitionKind = 'schema' | 'model' | 'profile';
export const DEFINITION_KINDS: readonly DefinitionKind[] = ['schema', 'model', 'profile'];

export interface HostileDefinition {
  readonly kind: DefinitionKind;
  /** The bundled document it started from (its model's schema and model for a profile). */
  readonly base: string;
  readonly text: string;
  readonly how: string;
}

/** The bundled documents, by kind: [file, its schema (model, profile), its model (profile)]. */
export const BASES: Readonly<Record<DefinitionKind, readonly { file: string; schema?: string; model?: string }[]>> = {
  schema: ['schemas/ccf-v1.yaml', 'schemas/sigpack-v1.yaml', 'docs/consumer-models/rulebook/rulebook-v1.yaml', 'schemas/examples/png.yaml', 'schemas/examples/zip.yaml'].map((file) => ({ file })),
  model: [
    { file: 'schemas/ccf-v1.consumer.yaml', schema: 'schemas/ccf-v1.yaml' },
    { file: 'schemas/sigpack-v1.consumer.yaml', schema: 'schemas/sigpack-v1.yaml' },
    { file: 'docs/consumer-models/rulebook/rulebook-v1.consumer.yaml', schema: 'docs/consumer-models/rulebook/rulebook-v1.yaml' },
  ],
  profile: [
    { file: 'profiles/default/agent-7.11.yaml', schema: 'schemas/ccf-v1.yaml', model: 'schemas/ccf-v1.consumer.yaml' },
    { file: 'profiles/default/agent-7.16.yaml', schema: 'schemas/ccf-v1.yaml', model: 'schemas/ccf-v1.consumer.yaml' },
    { file: 'profiles/sigpack-v1/scanner-2.4.yaml', schema: 'schemas/sigpack-v1.yaml', model: 'schemas/sigpack-v1.consumer.yaml' },
    { file: 'docs/consumer-models/rulebook/profiles/sensor-5.0.yaml', schema: 'docs/consumer-models/rulebook/rulebook-v1.yaml', model: 'docs/consumer-models/rulebook/rulebook-v1.consumer.yaml' },
  ],
};

/** Set by an expression or tag that managed to run code: the check after each definition looks for it. */
export const CANARY = '__preflightSelftestPwned';

const deep = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};

const HOSTILE_EXPRS = [
  'constructor.constructor("globalThis.' + CANARY + ' = 1")()',
  '__proto__.polluted', '_root.__proto__', 'this', 'process.exit(1)', 'require("fs")', 'import("fs")',
  `globalThis.${CANARY}`, '_parent._parent._parent._parent._parent._parent._parent._parent',
  '('.repeat(5000) + '1' + ')'.repeat(5000), '1' + ' + 1'.repeat(5000), '-'.repeat(10000) + '1',
  '0x' + 'f'.repeat(200), '99999999999999999999999999999999999999999999', '1 << 100000', '1 / 0', '1 % 0',
  'len(len(len(len(x))))', 'lookup(a, b, c, d)', 'min()', '"\\x', "'", '"' + 'a'.repeat(100000) + '"',
  '_index[_index[_index]]', 'sizeof(_root)', 'end(end)', 'offsetof(offsetof)', 'a ? b ? c ? d : e : f : g', '!!!!!!!!!!!!!!!!!!!x',
];

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0xffffffff, 2 ** 53, -(2 ** 53), 1e308, -1e308, Number.MAX_SAFE_INTEGER, -1, 0, 0.5, -0, 1e-300),
  fc.constantFrom('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', '.nan', '.inf', '-.inf', '', '~', 'null', 'true', 'u99', 'b0', 'b65', 's16', 'str', 'strz'),
  fc.constantFrom(...HOSTILE_EXPRS),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.integer({ min: 1000, max: 2_000_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(null, true, false, [], {}),
  // yaml's stringify recurses: deeper nesting comes as text (hostileText), up to 200,000 levels.
  fc.integer({ min: 50, max: 400 }).map((d) => deep(d, 1, true)),
  fc.integer({ min: 50, max: 400 }).map((d) => deep(d, 'x', false)),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 1000, max: 50_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknown_key', '', ' ', '<<', 'seq', 'types', 'repeat', 'size', 'at', 'id', 'type', 'let', 'if', 'valid', 'enum', 'codes', 'refuse', 'load', 'inputs', 'limits', 'name', 'population'),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: 1000, max: 100_000 }).map((n) => 'k'.repeat(n)),
);

/** One structural edit, as a walk of `steps` choices into the tree and what to do there. */
const edit = fc.record({
  steps: fc.array(fc.nat(), { minLength: 0, maxLength: 12 }),
  op: fc.constantFrom('replace', 'replace', 'add-key', 'delete', 'duplicate-subtree', 'wrap'),
  leaf: hostileLeaf,
  key: hostileKey,
});

/** Hostile YAML text, appended to or replacing a document. */
const hostileText = fc.oneof(
  fc.integer({ min: 5, max: 12 }).map((levels) => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\n`;
  }),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => `x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`),
  fc.constantFrom(
    'x: !!js/function "function () { globalThis.' + CANARY + ' = 1 }"\n',
    'x: !!js/undefined\n', 'x: !!binary aGVsbG8=\n', 'x: !!set {a, b}\n', 'x: !!omap [a: 1]\n', 'x: !<tag:yaml.org,2002:js/regexp> /a/\n',
    'x: &a [*a]\n', '<<: *nope\n', 'a: 1\na: 2\n', '__proto__: { polluted: 1 }\n', 'constructor: { prototype: { polluted: 1 } }\n',
    '\t- tab\n', '\uFEFF\uFEFFformat: x\n', '%YAML 9.9\n---\nx: 1\n', '--- a\n--- b\n', 'x: "\\u0000\\u001b[31m"\n', '? [a, b]\n: c\n',
    `${'a'.repeat(1_100_000)}: 1\n`, 'x: 1e99999\n', 'x: 0o777777777777777777777777777\n',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
);

export function definitionArbitrary(kind: DefinitionKind, root: string): fc.Arbitrary<HostileDefinition> {
  const bases = BASES[kind];
  return fc.record({
    base: fc.nat({ max: bases.length - 1 }),
    mode: fc.constantFrom('edits', 'edits', 'edits', 'text-append', 'text-replace', 'text-splice'),
    edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
    text: hostileText,
    splice: fc.nat(),
  }).map(({ base, mode, edits, text, splice }) => {
    const b = bases[base]!;
    const original = readFileSync(join(root, b.file), 'utf8');
    if (mode === 'text-append') return { kind, base: b.file, text: original + text, how: `appended hostile YAML (${text.length} chars)` };
    if (mode === 'text-replace') return { kind, base: b.file, text, how: `hostile YAML (${text.length} chars)` };
    if (mode === 'text-splice') {
      const at = splice % (original.length + 1);
      return { kind, base: b.file, text: original.slice(0, at) + text + original.slice(at), how: `hostile YAML spliced at ${at}` };
    }
    const doc = parse(original) as unknown;
    const hows: string[] = [];
    let tree = doc;
    for (const e of edits) {
      const r = applyEdit(tree, e);
      tree = r.tree;
      hows.push(r.how);
    }
    let out: string;
    try {
      out = stringify(tree, { aliasDuplicateObjects: false, lineWidth: 0 });
    } catch (e) {
      out = `${original}\n# stringify failed: ${String(e).slice(0, 80)}\n`;
    }
    return { kind, base: b.file, text: out, how: hows.join('; ').slice(0, 500) };
  });
}

interface Edit { steps: number[]; op: string; leaf: unknown; key: string }

function applyEdit(tree: unknown, e: Edit): { tree: unknown; how: string } {
  // Walk down, remembering the parent and key of where we stop.
  let parent: Record<string | number, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  let node = tree;
  const path: (string | number)[] = [];
  for (const s of e.steps) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[s % keys.length]!;
    parent = node as Record<string | number, unknown>;
    key = k;
    node = (node as Record<string | number, unknown>)[k];
    path.push(k);
  }
  const where = path.join('.') || '(root)';
  const leafText = describeLeaf(e.leaf);
  const set = (v: unknown): void => {
    if (parent === undefined || key === undefined) tree = v;
    else (parent as Record<string | number, unknown>)[key] = v;
  };
  switch (e.op) {
    case 'replace': set(e.leaf); return { tree, how: `${where} = ${leafText}` };
    case 'add-key':
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        Object.defineProperty(node, e.key, { value: e.leaf, enumerable: true, configurable: true, writable: true });
        return { tree, how: `${where}.${e.key.slice(0, 30)} += ${leafText}` };
      }
      if (Array.isArray(node)) {
        node.push(e.leaf);
        return { tree, how: `${where} push ${leafText}` };
      }
      set(e.leaf);
      return { tree, how: `${where} = ${leafText}` };
    case 'delete':
      if (parent !== undefined && key !== undefined) {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as Record<string, unknown>)[key];
      }
      return { tree, how: `delete ${where}` };
    case 'duplicate-subtree':
      // 2,000 copies only of small elements: 2,000 copies of a 300-deep subtree took yaml's
      // stringify minutes (the generator's cost, not the loader's).
      if (Array.isArray(node) && jsonSize(node.slice(0, 3)) < 2000) {
        const copies = Array.from({ length: 2000 }, () => node.slice(0, 3)).flat();
        set(copies);
        return { tree, how: `${where} repeated 2000x` };
      }
      set([node, node, node]);
      return { tree, how: `${where} in a list of 3` };
    default: {
      let v = node;
      for (let i = 0; i < 300; i++) v = { seq: [v] };
      set(v);
      return { tree, how: `${where} wrapped 300 deep` };
    }
  }
}

function jsonSize(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

function describeLeaf(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `string of ${v.length}` : JSON.stringify(v);
  if (Array.isArray(v)) return `array of ${v.length}`;
  if (v !== null && typeof v === 'object') return `object of ${Object.keys(v).length} keys`;
  return String(v);
}
