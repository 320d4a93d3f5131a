import { describe, expect, it } from 'vitest';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { buildCcf } from '../helpers/ccf-bytes.js';

const schema = loadSchema(defaultSchemaPath());

describe('the diagnostic decoder on hostile headers', () => {
  it('does not trust a count that cannot fit: TRUNCATED says what was needed and what was left', () => {
    const { bytes } = buildCcf({ types: [{ id: 2, kinds: ['STR'] }], instances: [], header: { instance_count: 0xffffffff } });
    const d = decode(schema, bytes);
    const t = d.issues.find((i) => i.code === 'TRUNCATED' && i.path.join('.') === 'index')!;
    expect(t.details).toMatchObject({ needed: 0xffffffff * 4, available: bytes.length - 45 });
    expect(d.complete).toBe(false);
  });

  it('stops at its node budget when many pointers share one large record', () => {
    const criteria = Array.from({ length: 255 }, () => ({ op: 'ANY' as const }));
    const spec = (index: number[]) => ({ types: [{ id: 2, kinds: ['STR' as const] }], instances: [{ type: 2, criteria }], index, header: { instance_count: 200 } });
    // Header 40 + one 1-field type (5 bytes) + 200 index entries: the record lands right after.
    const record = 40 + 5 + 200 * 4;
    const hostile = buildCcf(spec(new Array<number>(200).fill(record)));
    const d = decode(schema, hostile.bytes);
    expect(d.issues.some((i) => i.code === 'DECODE_BUDGET')).toBe(true);
    expect(hostile.bytes.length).toBeLessThan(1200);
  });

  it('reports an offset outside the file at the pointer that holds it', () => {
    const { bytes, layout } = buildCcf({ types: [{ id: 2, kinds: ['STR'] }], instances: [{ type: 2, criteria: [{ op: 'ANY' }] }], index: [0x7fffffff] });
    const bad = decode(schema, bytes).issues.find((i) => i.code === 'BAD_OFFSET')!;
    expect(bad.path).toEqual(['index', 0]);
    expect(bad.offset).toBe(layout.indexOffset);
  });

  it('records where every node sits', () => {
    const { bytes, layout } = buildCcf({ types: [{ id: 2, kinds: ['STR', 'INT'] }], instances: [{ type: 2, criteria: [{ op: 'EQ_STR', str: 'a' }, { op: 'EQ_INT', value: 3 }] }] });
    const d = decode(schema, bytes);
    expect(d.issues).toEqual([]);
    expect(d.locate(['instances', 0, 'criteria', 1])).toEqual({ offset: layout.criterionOffsets[0]![1], size: 9 });
    expect(d.locate(['pool'])).toEqual({ offset: layout.poolOffset, size: layout.poolSize });
    expect(d.locate(['crc'])).toEqual({ offset: layout.crcOffset, size: 4 });
  });
});
