import { encodeDetailed } from '../../encode/index.js';
import { decode } from '../../parse/index.js';
import type { FormatSchema } from '../../schema/index.js';
import type { FuzzInput } from '../input.js';
import { cloneValue, stripDerived } from './slots.js';

/** The value a field-level mutation starts from: `source` (derived fields left out or pinned) and, when known, `full`. */
export interface Sourced {
  readonly source: Readonly<Record<string, unknown>>;
  /** The same value with every derived field filled (decoder conventions); computed on demand. */
  full(): Readonly<Record<string, unknown>> | undefined;
}

/** Decoded files, by their bytes: a corpus input is mutated many times, decoded once. Null: not decodable. */
const DECODED = new WeakMap<Uint8Array, { source: Record<string, unknown>; full: Record<string, unknown> } | null>();
const FULL = new WeakMap<object, Record<string, unknown> | null>();

/** The value of `input`: its own `value`, or its bytes decoded (only when decoding is complete). */
export function sourceOf(input: FuzzInput, schema: FormatSchema): Sourced | undefined {
  if (input.value) {
    const v = input.value;
    return { source: v, full: () => fullOf(schema, v) };
  }
  let d = DECODED.get(input.bytes);
  if (d === undefined) {
    d = decodeSource(schema, input.bytes);
    DECODED.set(input.bytes, d);
  }
  if (!d) return undefined;
  const full = d.full;
  return { source: d.source, full: () => full };
}

function decodeSource(schema: FormatSchema, bytes: Uint8Array): { source: Record<string, unknown>; full: Record<string, unknown> } | null {
  try {
    const d = decode(schema, bytes);
    if (!d.complete) return null;
    return { source: stripDerived(schema, cloneValue(d.value)), full: d.value };
  } catch {
    return null;
  }
}

function fullOf(schema: FormatSchema, v: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  let f = FULL.get(v);
  if (f === undefined) {
    try {
      f = encodeDetailed(schema, v).value;
    } catch {
      f = null;
    }
    FULL.set(v, f);
  }
  return f ?? undefined;
}
