import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultSchemaPath, parseSchema, SchemaError } from '../../src/schema/index.js';
import { thrownBy } from '../helpers/thrown.js';

// Before names were resolved at load, every misspelling below loaded without a word, and each
// rule then failed to evaluate on every file (issue 7 §2, issue 8: `repeat: header.type_cuont`).
const ccf = readFileSync(defaultSchemaPath(), 'utf8');
const sigpack = readFileSync(defaultSchemaPath().replace('ccf-v1', 'sigpack-v1'), 'utf8');
const errorOf = (text: string): SchemaError => thrownBy(SchemaError, () => parseSchema(text, 'broken.yaml'));
const schema = (types: string): string => `format: t\nroot: file\ntypes:\n${types}`;
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('every name in every expression resolves at load', () => {
  it('refuses a misspelled member in an assert, with file, line, column, key and a suggestion', () => {
    const text = ccf.replace('rule: header.file_size == _io.size', 'rule: header.file_sise == _io.size');
    const e = errorOf(text);
    expect(e.key).toBe('types.file.asserts[0].rule');
    expect(e.line).toBe(lineOf(text, 'header.file_sise'));
    expect(e.column).toBeGreaterThan(0);
    expect(e.message).toMatch(/^broken\.yaml:\d+:\d+: types\.file\.asserts\[0\]\.rule: header has no field file_sise \(did you mean file_size\?\)/);
  });

  it.each([
    ['repeat', ccf.replace('repeat: header.type_count', 'repeat: header.type_cuont'), 'types.file.seq[1].repeat', /header has no field type_cuont/],
    ['derive', ccf.replace('derive: len(_root.types)', 'derive: len(_root.typez)'), 'types.header.seq[6].derive', /typez is not a field or let of file/],
    ['at', ccf.replace('at: index[_index]', 'at: indx[_index]'), 'types.file.seq[3].at', /indx is not a field or let of file \(did you mean index\?\)/],
    ['size', ccf.replace('size: header.pool_size', 'size: header.pool_sizes'), 'types.file.seq[4].size', /no field pool_sizes/],
    ['valid expr', ccf.replace('expr: template != null', 'expr: templat != null'), 'types.instance.seq[1].valid[0].expr', /templat is not a field or let of instance/],
    ['checksum range', ccf.replace('from: 0, to: _io.size - 4', 'from: 0, to: _io.length - 4'), 'types.file.seq[5].checksum.to', /_io has no length/],
    ['placement', ccf.replace('end: header.pool_offset', 'end: header.pool_ofset'), 'types.file.seq[3].placement.end', /no field pool_ofset/],
    ['switch on', ccf.replace('switch_on: op', 'switch_on: opp'), 'types.criterion.seq[1].type.switch_on', /opp is not a field or let of criterion/],
    ['let', ccf.replace("lookup(_root.types, 'type_id', type_id)", "lookup(_root.types, 'type_id', typeid)"), 'types.instance.let.template', /typeid is not a field/],
    ['lookup key', ccf.replace("lookup(_root.types, 'type_id', type_id)", "lookup(_root.types, 'typ_id', type_id)"), 'types.instance.let.template', /elements \(a template_type\) have no field typ_id/],
    ['member of a let', ccf.replace('criteria_count == template.field_count', 'criteria_count == template.field_cnt'), 'types.instance.seq[2].valid[0].expr', /template_type has no field field_cnt/],
    ['member through _parent', ccf.replace('len(_parent.template.field_kinds)', 'len(_parent.templat.field_kinds)'), 'types.criterion.let.declared', /templat is not a field or let of instance/],
    ['a view', ccf.replace('view: _root.pool\n        at: str_off\n        size: str_len\n        at_code: POOL_OOB\n        utf8_code: BAD_UTF8\n        report_at: struct\n\n', 'view: _root.pol\n        at: str_off\n        size: str_len\n        at_code: POOL_OOB\n        utf8_code: BAD_UTF8\n        report_at: struct\n\n'), 'types.arg_str.seq[2].view', /pol is not a field or let of file/],
    ['repeat_bytes', sigpack.replace('repeat_bytes: body_size', 'repeat_bytes: body_sise'), 'types.pack.seq[5].repeat_bytes', /body_sise is not a field/],
    ['has() key', sigpack.replace("has(records, 'tag', 1)", "has(records, 'tags', 1)"), 'types.pack.asserts[2].rule', /have no field tags/],
    ['_parent of a case', sigpack.replace('size: _parent.length, utf8_code', 'size: _parent.lenght, utf8_code'), 'types.name.seq[0].size', /lenght is not a field or let of record \(did you mean length\?\)/],
  ])('in %s', (_where, text, key, reason) => {
    expect([ccf, sigpack]).not.toContain(text); // the misspelling was made
    const e = errorOf(text);
    expect(e.key).toBe(key);
    expect(e.message).toMatch(reason);
  });

  it('refuses _parent in the root type, a member of an integer, and indexing an integer', () => {
    expect(errorOf(schema('  file:\n    seq:\n      - { id: n, type: u1, repeat: _parent.n }\n')).message).toMatch(/_parent is used in file, the root type/);
    expect(errorOf(schema('  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: m, type: u1, repeat: n.count }\n')).message).toMatch(/an integer has no field count/);
    expect(errorOf(schema('  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: m, type: u1, repeat: "n[0]" }\n')).message).toMatch(/cannot be indexed/);
  });

  it('refuses an assert path naming no field', () => {
    expect(errorOf(ccf.replace('path: header.file_size', 'path: heder.file_size')).key).toBe('types.file.asserts[0].path');
  });

  it('accepts what the bundled schemas use: later fields, lets, inline case fields, _parent of a case, lookup results', () => {
    expect(parseSchema(ccf, 'ccf.yaml').format).toBe('ccf-v1');
    expect(parseSchema(sigpack, 'sigpack.yaml').format).toBe('sigpack-v1');
  });

  it('accepts a name only some switch cases have, _parent chains, and a recursive let through _parent', () => {
    const text = schema(`  file:
    let: { depth: 0 }
    seq:
      - { id: kind, type: u1 }
      - id: body
        type: { switch_on: kind, cases: { 1: one, 2: two } }
        inline: true
      - { id: tail, type: u1, repeat: 'kind == 1 ? a : b' }
      - { id: kids, type: node, repeat: 2 }
  one:
    seq:
      - { id: a, type: u1 }
  two:
    seq:
      - { id: b, type: u1 }
  node:
    let: { depth: _parent.depth + 1 }
    seq:
      - { id: n, type: u1, valid: [{ expr: 'depth < 9 && _parent.kind >= 0', code: BAD_VALUE }] }
      - { id: more, type: node, repeat: n }
`);
    expect(() => parseSchema(text, 'ok.yaml')).not.toThrow();
  });
});
