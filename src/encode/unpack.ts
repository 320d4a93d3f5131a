import { formatPath, type Issue } from '../findings/index.js';
import { decode } from '../parse/index.js';
import type { FormatSchema, Locate } from '../schema/index.js';
import { usesLayout } from './derive.js';
import { encodeDetailed, type Encoded } from './encode.js';
import { EncodeError } from './encode-error.js';
import { formatSource } from './format.js';
import { isMap } from './normalize.js';
import { byteEdits, clone, getAt, sameBytes, sameValue } from './value-utils.js';
import { walk } from './walk.js';

const noLocate = (): undefined => undefined;
const MAX_ROUNDS = 6;
const MAX_ISSUES = 50;
const utf8 = new TextEncoder();

/**
 * Prints a file as a source that packs back to the same bytes. A complete decode is printed
 * as the minimal source when that reproduces the file; else with the derived fields that differ
 * from their derivation pinned; else fully pinned. A partial decode is printed as far as it went.
 */
export function unpack(schema: FormatSchema, bytes: Uint8Array): string {
  const d = decode(schema, bytes);
  const head = [`${schema.format}: ${schema.title}`, `unpacked from ${bytes.length} bytes`];
  const shown = d.issues.slice(0, MAX_ISSUES).map(describeIssue);
  if (d.issues.length > MAX_ISSUES) shown.push(`  … and ${d.issues.length - MAX_ISSUES} more`);
  const notes = d.issues.length ? ['decode issues:', ...shown] : [];
  if (!d.complete) {
    const warn = 'INCOMPLETE: the file could not be fully decoded; this is what could be read, and it will not pack back to the same bytes.';
    return formatSource(schema, d.value, { comment: [...head, warn, ...notes] });
  }
  restoreRawText(schema, d.value, bytes, d.locate);
  const keep = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const source = strip(schema, d.value, keep);
    const r = attempt(schema, source);
    if (typeof r === 'string') break;
    if (sameBytes(r.bytes, bytes)) {
      const how = keep.size === 0
        ? 'minimal source: fields the schema derives (counts, offsets, sizes, pools, checksums) are left out and recomputed by pack'
        : `derived fields are left out except these, which differ from what pack would compute: ${listed([...keep])}`;
      return formatSource(schema, source, { comment: [...head, how, ...notes] });
    }
    // Pin the causes before their consequences: values and pools, then layout fields, then checksums.
    const fresh = differing(schema, d.value, r.value).filter((k) => !keep.has(k.path));
    if (!fresh.length) break;
    const stage = Math.min(...fresh.map((k) => k.stage));
    for (const k of fresh) if (k.stage === stage) keep.add(k.path);
  }
  const full = clone(d.value) as Record<string, unknown>;
  const r = attempt(schema, full);
  if (typeof r !== 'string' && sameBytes(r.bytes, bytes)) {
    return formatSource(schema, full, { comment: [...head, 'every field is pinned: a canonical layout would not reproduce these bytes', ...notes] });
  }
  const edits = typeof r === 'string' ? undefined : byteEdits(r.bytes, bytes);
  const why = typeof r === 'string' ? `it does not encode: ${r}` : `its canonical layout differs from the file in ${edits ? 'a few' : 'many'} bytes`;
  if (edits) full.$edit = edits;
  const warn = edits
    ? `WARNING: the fully pinned source does not re-pack byte for byte (${why}); the $edit below restores the original bytes.`
    : `WARNING: this fully pinned source does not re-pack byte for byte (${why}).`;
  return formatSource(schema, full, { comment: [...head, warn, ...notes] });
}

/** The encoding of a candidate source, or the EncodeError message when it does not encode. */
function attempt(schema: FormatSchema, source: Record<string, unknown>): Encoded | string {
  try {
    return encodeDetailed(schema, source);
  } catch (e) {
    if (!(e instanceof EncodeError)) throw e;
    return e.message;
  }
}

const derived = (f: { derive: unknown; pool: boolean; checksum: unknown; view: unknown }): boolean =>
  !f.view && (f.derive !== undefined || f.pool || f.checksum !== undefined);

/** A copy without the fields pack can compute, except those listed in `keep`. */
function strip(schema: FormatSchema, value: Record<string, unknown>, keep: ReadonlySet<string>): Record<string, unknown> {
  const copy = clone(value) as Record<string, unknown>;
  const drop: Array<() => void> = [];
  walk(schema, copy, NaN, noLocate, (v) => {
    if (derived(v.field) && !keep.has(formatPath(v.path))) drop.push(() => delete v.obj[v.field.id]);
  });
  for (const d of drop) d();
  dropEmpty(copy);
  return copy;
}

/** Struct fields left empty are dropped too: an absent struct encodes as an empty one. */
function dropEmpty(v: unknown): void {
  if (Array.isArray(v)) v.forEach(dropEmpty);
  if (!isMap(v)) return;
  for (const [k, x] of Object.entries(v)) {
    dropEmpty(x);
    if (isMap(x) && Object.keys(x).length === 0) delete v[k];
  }
}

/** The derived fields whose decoded value differs from what the encoder computed. */
function differing(schema: FormatSchema, decoded: Record<string, unknown>, computed: Record<string, unknown>): Array<{ path: string; stage: number }> {
  const out: Array<{ path: string; stage: number }> = [];
  walk(schema, decoded, NaN, noLocate, (v) => {
    const { field } = v;
    if (!derived(field) || sameValue(v.obj[field.id], getAt(computed, v.path))) return;
    const stage = field.checksum ? 2 : field.derive && usesLayout(field.derive) ? 1 : 0;
    out.push({ path: formatPath(v.path), stage });
  });
  return out;
}

/** Text the decoder had to decode lossily is put back as its raw bytes, so that it re-packs exactly. */
function restoreRawText(schema: FormatSchema, value: Record<string, unknown>, bytes: Uint8Array, locate: Locate): void {
  walk(schema, value, bytes.length, locate, (v) => {
    const text = v.obj[v.field.id];
    if (v.field.type.kind !== 'str' || typeof text !== 'string' || !text.includes('\ufffd')) return;
    const loc = locate(v.path);
    if (!loc) return;
    const raw = bytes.slice(loc.offset, loc.offset + loc.size);
    if (!sameBytes(utf8.encode(text), raw)) v.obj[v.field.id] = raw;
  });
}

function listed(paths: readonly string[]): string {
  return paths.length <= 12 ? paths.join(', ') : `${paths.slice(0, 12).join(', ')} and ${paths.length - 12} more`;
}

function describeIssue(i: Issue): string {
  const details = i.details ? ` ${JSON.stringify(i.details, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}` : '';
  return `  ${i.code} at ${formatPath(i.path)} (offset ${i.offset})${details}`;
}
