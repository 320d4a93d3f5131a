import { groupDigits, quoteText, safeText } from './safe-text.js';

/** An issue's details: data from the producer, partly from the file under test. */
export type Details = Readonly<Record<string, unknown>>;

/** Legacy placeholders an open range used to carry instead of leaving a bound out. */
const OPEN_BOUNDS: ReadonlySet<unknown> = new Set(['-', '∞', '', null]);

/** Whether `d[key]` holds a usable value: present, and not a placeholder for "none". */
export function present(d: Details, key: string): boolean {
  const v = d[key];
  if (v === undefined || OPEN_BOUNDS.has(v)) return false;
  return typeof v !== 'number' || Number.isFinite(v);
}

/** Every key present (see `present`). */
export function has(d: Details, ...keys: readonly string[]): boolean {
  return keys.every((k) => present(d, k));
}

const MAX_ITEMS = 12;

/**
 * Any value as message text, bounded and safe for every output format: strings quoted and cut,
 * numbers with no NaN or Infinity, lists shortened, objects as `{a: 1}`; never `undefined` or
 * `[object Object]`.
 */
export function show(v: unknown, depth = 0): string {
  if (typeof v === 'string') return quoteText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'an invalid number';
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (v instanceof Uint8Array) return showBytes(v);
  if (Array.isArray(v)) return showList(v, depth);
  if (typeof v === 'object') return depth > 1 ? '{…}' : showObject(v as Record<string, unknown>, depth);
  return safeText(String(v));
}

/** Plain text from the producer (a reason, a what): unquoted, bounded, safe. */
export function text(v: unknown): string {
  return typeof v === 'string' ? safeText(v, 200) : show(v);
}

/** A number as hex (`0xaaaaaaaa`), for magic numbers, masks and checksums. */
export function hex(v: unknown): string {
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
    return v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
  }
  // Magic bytes (`contents:`) read as the byte string they are: `89 50 4e 47`.
  if (v instanceof Uint8Array) return showBytes(v).slice('bytes '.length);
  return show(v);
}

/** A count with thousands separators when it is a plain integer. */
export function count(v: unknown): string {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint' ? groupDigits(v) : show(v);
}

/** A list given either as an array or as the producers' pre-joined string: `0, 1, 2`. */
export function list(v: unknown): string {
  if (Array.isArray(v)) return showList(v, 0).slice(1, -1);
  return typeof v === 'string' ? safeText(v, 400) : show(v);
}

/** `"at least 1"`, `"at most 65,535"`, `"1..32"`: a range with either bound possibly open. */
export function range(d: Details): string | undefined {
  const lo = present(d, 'min');
  const hi = present(d, 'max');
  if (lo && hi) return `${count(d.min)}..${count(d.max)}`;
  if (lo) return `at least ${count(d.min)}`;
  if (hi) return `at most ${count(d.max)}`;
  return undefined;
}

function showList(items: readonly unknown[], depth: number): string {
  const shown = items.slice(0, MAX_ITEMS).map((x) => show(x, depth + 1));
  const more = items.length > MAX_ITEMS ? `, … (${groupDigits(items.length)} in all)` : '';
  return `[${shown.join(', ')}${more}]`;
}

function showObject(o: Record<string, unknown>, depth: number): string {
  const entries = Object.entries(o);
  const shown = entries.slice(0, MAX_ITEMS).map(([k, x]) => `${safeText(k, 40)}: ${show(x, depth + 1)}`);
  const more = entries.length > MAX_ITEMS ? ', …' : '';
  return `{${shown.join(', ')}${more}}`;
}

function showBytes(bytes: Uint8Array): string {
  const head = [...bytes.subarray(0, 32)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > 32 ? `bytes ${head} … (${groupDigits(bytes.length)} bytes)` : `bytes ${head}`;
}

/**
 * One value out of a rule's explanation (`criteria_count = 3, template.field_count = 4`, as
 * src/check/explain-values.ts writes it), for wording that names it; undefined when absent.
 */
export function explained(values: unknown, name: string): string | undefined {
  if (typeof values !== 'string') return undefined;
  for (const part of values.split(', ')) {
    const at = part.indexOf(' = ');
    if (at > 0 && part.slice(0, at) === name) return safeText(part.slice(at + 3), 40);
  }
  return undefined;
}
