import { isMap, isScalar, isSeq, type LineCounter, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { ProfileError } from '../../../src/consumer/profile-error.js';
import { describeNode } from '../../../src/schema/load/describe-node.js';

/** Maps YAML nodes to file positions, and turns problems into ProfileErrors. */
export class NodeReader {
  constructor(readonly file: string, private readonly lines: LineCounter) {}

  fail(node: unknown, key: string, problem: string): never {
    const range = (node as { range?: readonly number[] } | null)?.range;
    const start = range?.[0];
    const pos = start !== undefined ? this.lines.linePos(start) : { line: 1, col: 1 };
    throw new ProfileError(this.file, pos.line, pos.col, key, problem);
  }

  /**
   * The entries of a mapping with string keys, checked against the allowed keys.
   * Each entry keeps its key node, for positions of errors about the value.
   */
  mapping(node: unknown, key: string, allowed: readonly string[]): Map<string, Entry> {
    if (!isMap(node)) this.fail(node, key, `must be a mapping, got ${describeNode(node)}`);
    const out = new Map<string, Entry>();
    for (const pair of (node as YAMLMap).items as Pair[]) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      const child = join(key, String(k));
      if (typeof k !== 'string') this.fail(pair.key, key, `keys must be names, got ${describeNode(pair.key)}`);
      if (!allowed.includes(k)) this.fail(pair.key, child, `unknown key (allowed: ${allowed.join(', ')})`);
      out.set(k, { keyNode: pair.key, value: pair.value });
    }
    return out;
  }

  /** A value that must be present: errors point at the parent when it is missing. */
  required(entries: Map<string, Entry>, parent: unknown, parentKey: string, name: string): Entry {
    const e = entries.get(name);
    if (e === undefined) this.fail(parent, parentKey, `missing required key "${name}"`);
    return e;
  }

  integer(e: Entry, key: string, min: number, max: number): number {
    const v = isScalar(e.value) ? e.value.value : undefined;
    const at = e.value ?? e.keyNode;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(at, key, `must be an integer, got ${describeNode(e.value)}`);
    if (v < min || v > max) this.fail(at, key, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  string(e: Entry, key: string): string {
    const v = isScalar(e.value) ? e.value.value : undefined;
    if (typeof v !== 'string') this.fail(e.value ?? e.keyNode, key, `must be a string, got ${describeNode(e.value)}`);
    return v;
  }

  sequence(e: Entry, key: string): YAMLSeq['items'] {
    if (!isSeq(e.value)) this.fail(e.value ?? e.keyNode, key, `must be a list, got ${describeNode(e.value)}`);
    return (e.value as YAMLSeq).items;
  }
}

export interface Entry {
  readonly keyNode: unknown;
  readonly value: unknown;
}

export function join(parent: string, child: string | number): string {
  if (typeof child === 'number') return `${parent}[${child}]`;
  return parent === '' ? child : `${parent}.${child}`;
}
