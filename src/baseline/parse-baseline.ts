import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { codeInfo, NO_MODEL_CODES, type CodeCatalog } from '../findings/index.js';
import { parseBucketKey } from '../fuzz/engine/bucket.js';
import { BaselineError } from './baseline-error.js';
import { describeNode } from '../schema/load/describe-node.js';
import { BASELINE_VERSION, REASON_PLACEHOLDER, type Baseline, type BaselineEntry, type BucketBaselineEntry } from './types.js';

const TOP_KEYS = ['version', 'entries', 'buckets'] as const;
const ENTRY_KEYS = ['code', 'path', 'sha256', 'profile', 'file', 'reason', 'expires'] as const;
const BUCKET_KEYS = ['bucket', 'reason', 'expires'] as const;

/**
 * Parses a baseline (YAML, or JSON, which is YAML too) strictly: unknown keys, wrong types,
 * unknown finding codes, malformed hashes or dates and placeholder reasons are errors with
 * file:line:col and the key, as for schemas and profiles.
 */
/** `codes`: the model codes of the run, which entries may name besides the built-in ones. */
export function parseBaseline(text: string, file: string, codes: CodeCatalog = NO_MODEL_CODES): Baseline {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  // Typed explicitly: TypeScript narrows after a `never` method only on an annotated receiver.
  const r: Reader = new Reader(file, lines);
  const firstError = doc.errors[0];
  if (firstError !== undefined) r.failAt(firstError.pos[0], '', `not valid YAML: ${firstError.message.split('\n')[0]!}`);
  const root = doc.contents;
  const top = r.mapping(root, '', TOP_KEYS);
  const version = top.get('version');
  if (version === undefined) r.fail(root, '', `missing required key "version" (${BASELINE_VERSION})`);
  if (!isScalar(version.value) || version.value.value !== BASELINE_VERSION) r.fail(version.value, 'version', `must be ${BASELINE_VERSION}`);
  const list = top.get('entries');
  const bucketList = top.get('buckets');
  if (list === undefined && bucketList === undefined) {
    r.fail(root, '', 'missing required key "entries" (accepted findings, for validate) or "buckets" (accepted fuzz buckets)');
  }
  const entries = list === undefined ? [] : r.list(list.value, 'entries').map((item, i) => parseEntry(r, item, `entries[${i}]`, codes));
  const buckets = bucketList === undefined ? [] : r.list(bucketList.value, 'buckets').map((item, i) => parseBucketEntry(r, item, `buckets[${i}]`));
  return { source: file, entries, buckets };
}

function parseBucketEntry(r: Reader, node: unknown, key: string): BucketBaselineEntry {
  const m = r.mapping(node, key, BUCKET_KEYS);
  const bucketNode = m.get('bucket');
  if (bucketNode === undefined) r.fail(node, key, 'missing required key "bucket" (kind|profile|fault|location, as the fuzz report prints it)');
  const bucket = r.string(bucketNode.value, `${key}.bucket`);
  if (parseBucketKey(bucket) === undefined) {
    r.fail(bucketNode.value, `${key}.bucket`, 'must be kind|profile|fault|location with kind crash, soundness or robustness');
  }
  const out: { -readonly [K in keyof BucketBaselineEntry]: BucketBaselineEntry[K] } = { bucket, reason: parseReason(r, m, node, key, 'bucket'), line: r.line(node) };
  const expires = parseExpires(r, m, key);
  if (expires !== undefined) out.expires = expires;
  return out;
}

type Fields = Map<string, { keyNode: unknown; value: unknown }>;

function parseReason(r: Reader, m: Fields, node: unknown, key: string, what: 'finding' | 'bucket'): string {
  const v = m.get('reason');
  if (v === undefined) r.fail(node, key, 'missing required key "reason"');
  const reason = r.string(v.value, `${key}.reason`).trim();
  if (reason === '' || reason === REASON_PLACEHOLDER) r.fail(v.value, `${key}.reason`, `say why this ${what} is accepted (the placeholder is not a reason)`);
  return reason;
}

function parseExpires(r: Reader, m: Fields, key: string): string | undefined {
  const expires = m.get('expires');
  if (expires === undefined) return undefined;
  const date = r.string(expires.value, `${key}.expires`);
  if (!isCalendarDate(date)) r.fail(expires.value, `${key}.expires`, `must be a date YYYY-MM-DD, got ${JSON.stringify(date.slice(0, 40))}`);
  return date;
}

function parseEntry(r: Reader, node: unknown, key: string, codes: CodeCatalog): BaselineEntry {
  const m = r.mapping(node, key, ENTRY_KEYS);
  const req = (name: string): Node => {
    const v = m.get(name);
    if (v === undefined) r.fail(node, key, `missing required key "${name}"`);
    return v.value as Node;
  };
  const code = r.string(req('code'), `${key}.code`);
  if (codeInfo(code, codes) === undefined) r.fail(m.get('code')!.value, `${key}.code`, `unknown finding code ${JSON.stringify(code)}`);
  const path = r.string(req('path'), `${key}.path`);
  const sha256 = r.string(req('sha256'), `${key}.sha256`);
  if (!/^[0-9a-f]{64}$/.test(sha256)) r.fail(m.get('sha256')!.value, `${key}.sha256`, 'must be 64 lowercase hex digits (the sha256 of the file)');
  const reason = parseReason(r, m, node, key, 'finding');
  const out: { -readonly [K in keyof BaselineEntry]: BaselineEntry[K] } = { code, path, sha256, reason, line: r.line(node) };
  const profile = m.get('profile');
  if (profile !== undefined) out.profile = r.string(profile.value, `${key}.profile`);
  const file = m.get('file');
  if (file !== undefined) out.file = r.string(file.value, `${key}.file`);
  const expires = parseExpires(r, m, key);
  if (expires !== undefined) out.expires = expires;
  return out;
}

export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

class Reader {
  constructor(private readonly file: string, private readonly lines: LineCounter) {}

  fail(node: unknown, key: string, problem: string): never {
    const range = (node as { range?: readonly number[] } | null | undefined)?.range;
    this.failAt(range?.[0], key, problem);
  }

  failAt(offset: number | undefined, key: string, problem: string): never {
    const pos = offset !== undefined ? this.lines.linePos(offset) : { line: 1, col: 1 };
    throw new BaselineError(this.file, pos.line, pos.col, key, problem);
  }

  line(node: unknown): number {
    const range = (node as { range?: readonly number[] } | null | undefined)?.range;
    return range?.[0] !== undefined ? this.lines.linePos(range[0]).line : 0;
  }

  mapping(node: unknown, key: string, allowed: readonly string[]): Map<string, { keyNode: unknown; value: unknown }> {
    if (isAlias(node)) this.fail(node, key, 'aliases are not allowed in a baseline');
    if (!isMap(node)) this.fail(node, key, `must be a mapping, got ${describeNode(node)}`);
    const out = new Map<string, { keyNode: unknown; value: unknown }>();
    for (const pair of (node as YAMLMap).items as Pair[]) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof k !== 'string') this.fail(pair.key, key, `keys must be names, got ${describeNode(pair.key)}`);
      const child = key === '' ? k : `${key}.${k}`;
      if (!allowed.includes(k)) this.fail(pair.key, child.slice(0, 200), `unknown key (allowed: ${allowed.join(', ')})`);
      if (isAlias(pair.value)) this.fail(pair.value, child, 'aliases are not allowed in a baseline');
      out.set(k, { keyNode: pair.key, value: pair.value });
    }
    return out;
  }

  list(node: unknown, key: string): readonly unknown[] {
    if (isAlias(node)) this.fail(node, key, 'aliases are not allowed in a baseline');
    if (!isSeq(node)) this.fail(node, key, 'must be a list');
    return (node as YAMLSeq).items;
  }

  string(node: unknown, key: string): string {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'string') this.fail(node, key, `must be a string, got ${describeNode(node)}`);
    return v;
  }
}
