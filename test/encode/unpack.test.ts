import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { pack, unpack } from '../../src/encode/index.js';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { buildCcf, type CcfSpec } from '../helpers/ccf-bytes.js';

const schema = loadSchema(defaultSchemaPath());

const spec: CcfSpec = {
  header: { content_seq: 0n },
  types: [{ id: 1, kinds: ['INT', 'STR', 'STR'] }],
  instances: [
    { id: 1, type: 1, criteria: [{ op: 'ANY' }, { op: 'EQ_STR', str: 'svchost.exe' }, { op: 'REGEX', str: '^a+$' }] },
    { id: 2, type: 1, action: 2, criteria: [{ op: 'EQ_INT', value: 5 }, { op: 'ANY' }, { op: 'PREFIX_STR', str: 'svchost' }] },
  ],
};

function roundTrip(bytes: Uint8Array): string {
  const text = unpack(schema, bytes);
  expect(text.startsWith('# ccf-v1: ')).toBe(true);
  expect(Buffer.from(pack(schema, text, 'unpacked.yaml')).equals(Buffer.from(bytes))).toBe(true);
  return text;
}

describe('unpack', () => {
  it('prints a canonical file as the minimal source', () => {
    const text = roundTrip(buildCcf(spec).bytes);
    expect(text).toContain('# minimal source');
    for (const derived of ['header', 'index', 'pool', 'crc', 'str_off', 'str_len', 'criteria_count', 'field_count']) {
      expect(text).not.toMatch(new RegExp(`\\b${derived}:`));
    }
    expect(text).toContain('{ op: EQ_STR, text: svchost.exe }');
  });

  it('pins only the derived fields that differ from their derivation', () => {
    const text = roundTrip(buildCcf({ ...spec, header: { content_seq: 77n, channel: 5 } }).bytes);
    expect(text).toContain('header: { channel: 5, content_seq: 77 }');
    expect(text).not.toMatch(/\bcrc:|\bpool:|\bfile_size:/);
  });

  it('pins the pool when it is not the interned one, and the offsets that point into it', () => {
    const built = buildCcf({ ...spec, extraPool: 'unused', instances: [...spec.instances, { id: 3, type: 1, criteria: [{ op: 'ANY' }, { op: 'EQ_STR', ref: { off: 3, len: 4 } }, { op: 'ANY' }] }] });
    const text = roundTrip(built.bytes);
    // Only identical strings are interned: "svchost" has its own copy at 15, where a search would find 0.
    expect(text).toContain('pool: svchost.exe^a+$svchostunused');
    expect(text).toContain('{ op: PREFIX_STR, str_off: 15, text: svchost }');
    expect(text).toContain('{ op: EQ_STR, text: host }');
  });

  it('reproduces wrong header fields and a wrong CRC', () => {
    roundTrip(buildCcf({ ...spec, header: { file_size: 3, pool_offset: 9, version: 2, reserved: 1 }, crc: 0x12345678 }).bytes);
  });

  it('keeps references outside the pool and lists the decode issues', () => {
    const built = buildCcf({ ...spec, instances: [{ id: 1, type: 1, criteria: [{ op: 'ANY' }, { op: 'EQ_STR', ref: { off: 500, len: 3 } }, { op: 'ANY' }] }] });
    const text = roundTrip(built.bytes);
    expect(text).toContain('every field is pinned');
    expect(text).toMatch(/# {3}POOL_OOB at instances\[0\]\.criteria\[1\]/);
  });

  it('keeps text that is not valid UTF-8 as raw bytes', () => {
    const built = buildCcf(spec);
    const bytes = built.bytes.slice();
    bytes[built.layout.poolOffset] = 0xff; // "svchost.exe" → "\xffvchost.exe"; the CRC no longer matches either
    const text = roundTrip(bytes);
    expect(text).toContain('{ op: EQ_STR, text: { hex: ff7663686f73742e657865 } }');
    expect(text).toMatch(/# {3}BAD_UTF8 at instances\[0\]\.criteria\[1\]/);
  });

  it('restores bytes a canonical layout cannot hold with an $edit, and says so', () => {
    const bytes = Uint8Array.from([...buildCcf(spec).bytes, 1, 2, 3]);
    const text = roundTrip(bytes);
    expect(text).toMatch(/^# NOTE: a canonical layout of these fields differs from the file; the \$edit below restores/m);
    expect(text).toContain('$edit:');
  });

  it('prints what a truncated file holds, with its issues, as readable YAML that packs back to the file', () => {
    const bytes = buildCcf(spec).bytes.slice(0, 62);
    expect(decode(schema, bytes).complete).toBe(false);
    const text = roundTrip(bytes);
    expect(text.startsWith('# ccf-v1: ')).toBe(true);
    expect(text).toMatch(/^# INCOMPLETE/m);
    expect(text).toMatch(/^# {3}TRUNCATED at /m);
    const parsed = parseYaml(text) as Record<string, unknown>;
    expect(parsed.types).toEqual([{ type_id: 1, field_count: 3, reserved: 0, field_kinds: ['INT', 'STR', 'STR'] }]);
  });
});
