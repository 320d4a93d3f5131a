import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { checkYamlDocument } from '../../schema/load/yaml-safety.js';
import { describeNode } from '../../schema/load/describe-node.js';

/** Builds the error a reader throws: file, line, column, dotted key, problem. */
export type MakeError = (line: number, column: number, key: string, problem: string) => Error;

/** A YAML node with the dotted key it sits under, so every problem can name its key and position. */
export interface At {
  readonly node: unknown;
  readonly key: string;
}

/**
 * Strict reading of a small YAML document (a model or a profile) straight from its nodes: unknown
 * keys, missing keys and values of the wrong kind are errors with line, column and key. Tables
 * keyed by names from the file are Maps, so `constructor` or `__proto__` are names like any other.
 */
export class YamlReader {
  constructor(private readonly lines: LineCounter, private readonly makeError: MakeError) {}

  /** Parses with the checks the schema loader makes (linear duplicate keys, alias expansion). */
  static parse(text: string, maxBytes: number, what: string, makeError: MakeError): { reader: YamlReader; root: At } {
    if (text.length > maxBytes) throw makeError(0, 0, '', `the ${what} is ${text.length.toLocaleString('en-US')} characters, over the ${maxBytes.toLocaleString('en-US')}-byte limit`);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
    const reader = new YamlReader(lines, makeError);
    const bad = doc.errors[0];
    if (bad) {
      const { line, col } = lines.linePos(bad.pos[0]);
      throw makeError(line, col, '', `not valid YAML: ${(bad.message.split('\n')[0] ?? '').slice(0, 120)}`);
    }
    const unsafe = checkYamlDocument(doc);
    if (unsafe) reader.fail({ node: unsafe.node, key: (unsafe.path ?? []).join('.') }, `not valid YAML: ${unsafe.reason}`);
    return { reader, root: { node: doc.contents, key: '' } };
  }

  fail(at: At, problem: string): never {
    const start = (at.node as { range?: readonly number[] } | null)?.range?.[0];
    const pos = start === undefined ? { line: 1, col: 1 } : this.lines.linePos(start);
    throw this.makeError(pos.line, pos.col, at.key, problem);
  }

  /** A mapping's entries, each key allowed; `required` keys must be present. */
  map(at: At, allowed: readonly string[], required: readonly string[] = []): Map<string, At> {
    if (!isMap(at.node)) this.fail(at, `must be a mapping, got ${describeNode(at.node)}`);
    const out = new Map<string, At>();
    for (const pair of (at.node as YAMLMap).items as Pair[]) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof k !== 'string') this.fail({ node: pair.key, key: at.key }, `keys must be names, got ${describeNode(pair.key)}`);
      const key = join(at.key, k);
      if (!allowed.includes(k)) this.fail({ node: pair.key, key }, `unknown key (allowed: ${allowed.join(', ')})`);
      out.set(k, { node: pair.value ?? pair.key, key });
    }
    for (const k of required) if (!out.has(k)) this.fail(at, `missing key "${k}"`);
    return out;
  }

  /** A mapping whose keys are data (ids, names): every pair, keys as scalars. */
  pairs(at: At): Array<{ key: At; keyValue: unknown; value: At }> {
    if (!isMap(at.node)) this.fail(at, `must be a mapping, got ${describeNode(at.node)}`);
    return ((at.node as YAMLMap).items as Pair[]).map((p) => {
      const kv = isScalar(p.key) ? p.key.value : undefined;
      const key = join(at.key, String(kv));
      return { key: { node: p.key, key }, keyValue: kv, value: { node: p.value ?? p.key, key } };
    });
  }

  list(at: At): At[] {
    if (!isSeq(at.node)) this.fail(at, `must be a list, got ${describeNode(at.node)}`);
    return (at.node as YAMLSeq).items.map((n, i) => ({ node: n, key: `${at.key}[${i}]` }));
  }

  string(at: At): string {
    const v = isScalar(at.node) ? at.node.value : undefined;
    if (typeof v !== 'string' || v === '') this.fail(at, `must be a non-empty string, got ${describeNode(at.node)}`);
    return v;
  }

  /** A string or a number (expressions may be written as bare integers). */
  text(at: At): string {
    const v = isScalar(at.node) ? at.node.value : undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    return this.string(at);
  }

  integer(at: At, min: number, max: number): number {
    const v = isScalar(at.node) ? at.node.value : undefined;
    if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) this.fail(at, `must be at most ${Math.min(max, Number.MAX_SAFE_INTEGER)} (integers are exact only below 2^53), got ${describeNode(at.node)}`);
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(at, `must be an integer, got ${describeNode(at.node)}`);
    if (v < min || v > max) this.fail(at, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  stringList(at: At): string[] {
    return this.list(at).map((item) => this.string(item));
  }
}

export function join(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}
