import { formatPath, type Issue } from '../findings/index.js';
import { decode } from '../parse/index.js';
import type { FieldDef, FormatSchema, Locate, StructDef } from '../schema/index.js';
import { encodeText } from '../codec/encode-text.js';
import { usesLayout } from './derive.js';
import { deriveOf } from './implied.js';
import { keepCompressed } from './keep-compressed.js';
import { encodeDetailed, type Encoded } from './encode.js';
import { EncodeError } from './encode-error.js';
import { formatSource } from './format.js';
import { repairForEncoding } from './repair.js';
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
  checkPrintable(d.value);
  if (!d.complete) return incomplete(schema, d.value, bytes, head, notes);
  restoreRawText(schema, d.value, bytes, d.locate);
  keepCompressed(schema, d.value, bytes, d.locate);
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
  if (typeof r === 'string') return incomplete(schema, d.value, bytes, head, notes, `the fully pinned source does not encode (${r})`);
  const restore = restoring(r.bytes, bytes);
  if (restore.edit) full.$edit = restore.edit;
  const warn = `NOTE: a canonical layout of these fields differs from the file; ${restore.said}`;
  return formatSource(schema, full, { comment: [...head, warn, ...notes] });
}

/**
 * A file the decoder could not read to the end (or whose fields do not encode): what could be
 * read, made encodable (repairForEncoding), plus the `$edit` that turns what that packs to into
 * the file's bytes. pack accepts the result, and builds the file byte for byte, or, past the
 * edit size limit, differs exactly at the ranges the comment lists.
 */
function incomplete(schema: FormatSchema, partial: Record<string, unknown>, bytes: Uint8Array, head: string[], notes: string[], cause?: string): string {
  const why = cause ?? 'the file could not be fully decoded';
  const repaired = repairForEncoding(schema, partial);
  if (!repaired) {
    // No value of this schema encodes at all: nothing pack could accept can be printed but the raw bytes.
    const warn = `INCOMPLETE: ${why}, and no value of this schema encodes; what could be read follows, and pack will refuse it.`;
    return formatSource(schema, partial, { comment: [...head, warn, ...notes] });
  }
  const { value, encoded, pruned } = repaired;
  const restore = restoring(encoded.bytes, bytes);
  if (restore.edit) value.$edit = restore.edit;
  const lines = [`INCOMPLETE: ${why}. The fields below are what could be read${pruned.length ? ', less what does not encode' : ''}; ${restore.said}`];
  if (pruned.length) lines.push(`left out because they do not encode: ${listed(pruned)}`);
  return formatSource(schema, value, { comment: [...head, ...lines, ...notes] });
}

/** The `$edit` that brings `got` to `want`, and the sentence that says what pack will then build. */
function restoring(got: Uint8Array, want: Uint8Array): { edit: Record<string, unknown> | undefined; said: string } {
  if (sameBytes(got, want)) return { edit: undefined, said: 'pack builds the file byte for byte.' };
  const edit = byteEdits(got, want);
  if (edit) return { edit, said: 'the $edit below restores the bytes they do not express, so pack builds the file byte for byte.' };
  return { edit: undefined, said: `pack builds ${got.length} bytes, not these ${want.length}: ${differingRanges(got, want)}.` };
}

/** Where two byte strings differ, as `DIFFERS AT a-b, c-d` (inclusive offsets, at most 8 ranges listed). */
export function differingRanges(a: Uint8Array, b: Uint8Array): string {
  const ranges: string[] = [];
  let count = 0;
  const end = Math.max(a.length, b.length);
  for (let i = 0; i < end; i++) {
    if (i < a.length && i < b.length && a[i] === b[i]) continue;
    let j = i;
    while (j + 1 < end && !(j + 1 < a.length && j + 1 < b.length && a[j + 1] === b[j + 1])) j++;
    count++;
    if (ranges.length < 8) ranges.push(i === j ? `${i}` : `${i}-${j}`);
    i = j;
  }
  return `DIFFERS AT ${ranges.join(', ')}${count > ranges.length ? ` and ${count - ranges.length} more ranges` : ''}`;
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

/** Fields pack computes when a source leaves them out: derived (or implied by a `size`), pools, checksums, magic bytes. */
const derived = (s: StructDef, f: FieldDef): boolean =>
  !f.view && (deriveOf(s, f) !== undefined || f.pool || f.checksum !== undefined || f.contents !== undefined);

/** A copy without the fields pack can compute, except those listed in `keep`. */
function strip(schema: FormatSchema, value: Record<string, unknown>, keep: ReadonlySet<string>): Record<string, unknown> {
  const copy = clone(value) as Record<string, unknown>;
  const drop: Array<() => void> = [];
  walk(schema, copy, NaN, noLocate, (v) => {
    if (derived(v.struct, v.field) && !keep.has(formatPath(v.path))) drop.push(() => delete v.obj[v.field.id]);
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
    if (!derived(v.struct, field) || sameValue(v.obj[field.id], getAt(computed, v.path))) return;
    const how = deriveOf(v.struct, field);
    const stage = field.checksum ? 2 : how && usesLayout(how) ? 1 : 0;
    out.push({ path: formatPath(v.path), stage });
  });
  return out;
}

/** Text the decoder had to decode lossily is put back as its raw bytes, so that it re-packs exactly. */
function restoreRawText(schema: FormatSchema, value: Record<string, unknown>, bytes: Uint8Array, locate: Locate): void {
  walk(schema, value, bytes.length, locate, (v) => {
    const { field: f } = v;
    const text = v.obj[f.id];
    if (f.type.kind !== 'str' || typeof text !== 'string' || f.repeat || f.process) return;
    const encoded = f.type.encoding ? encodeText(text, f.type.encoding) : utf8.encode(text);
    if (encoded && !text.includes('\ufffd')) return;
    const loc = locate(v.path);
    if (!loc) return;
    let raw = bytes.slice(loc.offset, loc.offset + loc.size);
    // The value ends at its terminator (which it includes or not); what follows is padding.
    const end = f.terminator === undefined ? -1 : raw.indexOf(f.terminator);
    if (end >= 0) raw = raw.slice(0, f.include ? end + 1 : end);
    if (!encoded || !sameBytes(encoded, raw)) v.obj[f.id] = raw;
  });
}

/** The most characters of values (bytes count twice, as hex) a source is printed with: 64 Mi. */
const MAX_SOURCE_CHARS = 1 << 26;

/**
 * Placed fields may overlap: a hostile ZIP's 255 entries can all point at the same 4 MB, which
 * decodes cheaply (the values share the file's bytes) but would print as a gigabyte of hex and
 * overflow the longest string the runtime has. Such a file is refused with the reason.
 */
function checkPrintable(value: unknown): void {
  let chars = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v instanceof Uint8Array) chars += 2 * v.length;
    else if (typeof v === 'string') chars += v.length;
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (isMap(v)) for (const k in v) stack.push(v[k]);
    if (chars > MAX_SOURCE_CHARS) {
      throw new EncodeError(`its source would hold more than ${MAX_SOURCE_CHARS / (1 << 20)} Mi characters of values (fields that overlap repeat the same bytes); unpack prints no source that large`, []);
    }
  }
}

function listed(paths: readonly string[]): string {
  return paths.length <= 12 ? paths.join(', ') : `${paths.slice(0, 12).join(', ')} and ${paths.length - 12} more`;
}

function describeIssue(i: Issue): string {
  const details = i.details ? ` ${JSON.stringify(i.details, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}` : '';
  return `  ${i.code} at ${formatPath(i.path)} (offset ${i.offset})${details}`;
}
