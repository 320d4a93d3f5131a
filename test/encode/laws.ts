import { expect } from 'vitest';
import { encodeDetailed, pack, unpack } from '../../src/encode/index.js';
import { decode } from '../../src/parse/index.js';
import type { FormatSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

/* The laws of pack and unpack, for any schema: reusable by every encoder test. */

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** pack(source) gives exactly `expected` (hex, spaces allowed). */
export function assertPacks(schema: FormatSchema, source: string, expected: string): Uint8Array {
  const bytes = pack(schema, source, 'source.yaml');
  expect(hex(bytes)).toBe(expected.replace(/\s+/g, ''));
  return bytes;
}

/** pack(unpack(bytes)) is byte-identical; returns the source unpack printed. */
export function assertRoundTrip(schema: FormatSchema, bytes: Uint8Array): string {
  const source = unpack(schema, bytes);
  const again = pack(schema, source, 'unpacked.yaml');
  if (hex(again) !== hex(bytes)) expect.fail(`pack(unpack(file)) differs:\n${hex(again)}\n${hex(bytes)}\nsource:\n${source}`);
  return source;
}

/** The encoder's value (derived fields filled in) is what the decoder reads back from its bytes, with no issue. */
export function assertDecodesBack(schema: FormatSchema, value: Record<string, unknown>): Uint8Array {
  const r = encodeDetailed(schema, value);
  const d = decode(schema, r.bytes);
  expect(d.issues).toEqual([]);
  expect(d.complete).toBe(true);
  expect(plain(d.value)).toEqual(plain(r.value));
  return r.bytes;
}

/** Values compared by content: objects without prototype and bytes as hex. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return { hex: hex(v) };
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** What pack computed (sizes, checksums, magic) agrees with the checks: the file has no finding. */
export function assertClean(schema: FormatSchema, bytes: Uint8Array): void {
  const report = validateBytes('packed.bin', bytes, { schema });
  expect(report.findings.map((f) => `${f.code} at ${f.path}`)).toEqual([]);
}
