/**
 * docs/ccf-v1.md states the CCF v1 layout to the byte; this holds its tables to the bundled schema
 * (through the diagnostic decoder's locations) and to the corpus bytes, so the page cannot drift
 * from what preflight reads:
 * - 1.1, 1.2 and 1.4: each field's offset (from the start of its header, table entry or record)
 *   and size, located in corpus files;
 * - the opcode table: each opcode's payload size, from a criterion of that opcode in the July file;
 * - "A file, byte by byte": every row's offset and bytes in corpus/ccf/codes/clean.bin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../../src/findings/index.js';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { markdownTable } from './markdown-table.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'ccf-v1.md'), 'utf8');
const schema = loadSchema(defaultSchemaPath());

function decoded(file: string) {
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'corpus', 'ccf', file)));
  const d = decode(schema, bytes);
  expect(d.complete).toBe(true);
  return { bytes, d };
}

const clean = decoded('codes/clean.bin');
const july = decoded('story/2024-07-19-0409-channel-291.bin');

/** `types[0].field_kinds` → ['types', 0, 'field_kinds']. */
function pathOf(text: string): FieldPath {
  return [...text.matchAll(/([A-Za-z_]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** Offset relative to `base` and size of a located field. */
function where(d: typeof clean.d, base: FieldPath, field: string): { offset: number; size: number } {
  const at = d.locate([...base, ...pathOf(field)]);
  const origin = base.length === 0 ? 0 : d.locate(base)!.offset;
  expect(at, `${base.join('.')}.${field} is located`).toBeDefined();
  return { offset: at!.offset - origin, size: at!.size };
}

describe('docs/ccf-v1.md layout tables', () => {
  it.each([
    ['### 1.1 Header', ['header']],
    ['### 1.2 Template-type table', ['types', 0]],
    ['### 1.4 Instance record', ['instances', 0]],
  ] as const)('%s: offsets and sizes', (heading, base) => {
    const rows = markdownTable(DOC, heading);
    expect(rows.length).toBeGreaterThan(3);
    for (const [offset, size, field] of rows) {
      const at = where(clean.d, base as unknown as FieldPath, field!);
      expect({ field, offset: at.offset }).toEqual({ field, offset: Number(offset) });
      // A size given as a field's name (`field_count`) is that field's value; `…` is a variable size (the criteria).
      const expected = /^\d+$/.test(size!) ? Number(size) : size === '…' ? at.size : getNumber(clean.d.value, [...base, size!]);
      expect({ field, size: at.size }).toEqual({ field, size: expected });
    }
  });

  it('opcode table: payload sizes', () => {
    const rows = markdownTable(DOC, '| op | name |');
    expect(rows.map((r) => r[1])).toEqual(['ANY', 'EQ_INT', 'RANGE_INT', 'EQ_STR', 'PREFIX_STR', 'REGEX']);
    const instances = july.d.value.instances as Array<{ criteria: Array<{ op: number }> }>;
    for (const [op, name, , payload] of rows) {
      const found = instances.flatMap((inst, i) => inst.criteria.map((c, j) => ({ c, i, j }))).find(({ c }) => c.op === Number(op));
      expect(found, `a ${name} criterion in the July file`).toBeDefined();
      const size = july.d.locate(['instances', found!.i, 'criteria', found!.j])!.size;
      expect({ name, payload: size - 1 }).toEqual({ name, payload: Number(payload) });
    }
  });

  it('"A file, byte by byte": every offset and byte of clean.bin', () => {
    const rows = markdownTable(DOC, '| offset | bytes | field | value |');
    expect(rows.length).toBeGreaterThan(20);
    for (const [offset, bytes, field] of rows) {
      const path = /^(header|types|index|instances|pool|crc)\b/.test(field!) ? pathOf(field!) : ['header', ...pathOf(field!)];
      const at = clean.d.locate(path)!;
      expect({ field, offset: at.offset }).toEqual({ field, offset: Number(offset) });
      const actual = Buffer.from(clean.bytes.subarray(at.offset, at.offset + at.size)).toString('hex');
      const repeated = /^([0-9a-f]{2}) × (\d+)$/.exec(bytes!);
      if (repeated) expect(actual).toBe(repeated[1]!.repeat(Number(repeated[2])));
      else if (bytes!.includes('…')) expect(actual.startsWith(bytes!.split('…')[0]!.replace(/\s/g, ''))).toBe(true);
      else expect({ field, bytes: actual }).toEqual({ field, bytes: bytes!.replace(/\s/g, '') });
    }
    expect(clean.bytes.length).toBe(85);
  });
});

function getNumber(value: unknown, path: readonly (string | number)[]): number {
  let v: unknown = value;
  for (const seg of path) v = (v as Record<string | number, unknown>)[seg];
  return Number(v);
}
