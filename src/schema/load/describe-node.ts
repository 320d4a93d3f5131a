import { isMap, isScalar, isSeq } from 'yaml';

/** Longest string value quoted back in a message: a hostile file's 5 MB value is not echoed whole. */
const MAX_QUOTED = 40;

/**
 * What a YAML node is, for "must be a list, got …" messages in schemas' neighbours: profiles,
 * consumer models and baselines all word a wrong node the same way.
 */
export function describeNode(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'string') return JSON.stringify(v.length > MAX_QUOTED ? `${v.slice(0, MAX_QUOTED - 1)}…` : v);
    return `${typeof v} ${String(v).slice(0, MAX_QUOTED)}`;
  }
  return 'an unsupported node';
}
