/**
 * Variants of the spring file built with unpack → edit → pack: one change of each kind, to hold
 * the matching (by key, so no cascade) and the layout policy (listed only when not as derived).
 */
import { describe, expect, it } from 'vitest';
import { decode } from '../../../src/parse/index.js';
import { bytesOf, ccfDiff, ccfSchema, fieldLines, SPRING, variant } from './helpers.js';

const INSTANCE_150 = `  - instance_id: 150
    type_id: 2
    action: log
    criteria:
      - { op: EQ_STR, text: svchost.exe }
      - { op: ANY }
      - { op: ANY }
      - { op: ANY }
`;

/** Instance 104 is the last: its last wildcard is criterion 20. */
function lastWildcardTo(replacement: string): (s: string) => string {
  return (s) => {
    const at = s.lastIndexOf('- { op: ANY }');
    return `${s.slice(0, at)}${replacement}${s.slice(at + '- { op: ANY }'.length)}`;
  };
}

describe('one criterion changed: instance 104, criterion 20, ANY → REGEX (the July defect, made in place)', () => {
  const july = variant(SPRING, lastWildcardTo('- { op: REGEX, text: "cmd\\\\.exe" }'));
  const d = ccfDiff(SPRING, july);

  it('is one changed element, named by identity, with the opcode and the new text as a person reads them', () => {
    expect(d.changes.filter((c) => c.kind !== 'changed' || c.path !== 'header')).toHaveLength(1);
    const ch = d.changes.find((c) => c.path === 'instances[instance_id=104].criteria[20]')!;
    expect(ch).toMatchObject({ kind: 'changed', newPath: 'instances[3].criteria[20]', oldPath: 'instances[3].criteria[20]' });
    expect(ch.fields!.map((f) => [f.field, f.old, f.new])).toEqual([['op', 'ANY', 'REGEX'], ['text', undefined, '"cmd\\.exe"']]);
    expect(ch.fields![0]!.offset).toBe(ch.newOffset); // the opcode byte is where the criterion starts
  });

  it('takes agent-7.11 from load to crash at that criterion: worse', () => {
    const c711 = d.consumers.find((c) => c.profile === 'agent-7.11')!;
    expect(c711).toMatchObject({ change: 'worse', old: { outcome: 'load' }, new: { outcome: 'crash', fault: { code: 'OOB_INPUT_READ', path: 'instances[3].criteria[20]' } } });
    expect(c711.new.fault!.offset).toBe(d.changes.find((c) => c.path.endsWith('criteria[20]'))!.newOffset);
    expect(d.worse).toBe(true);
  });
});

describe('an element inserted in the middle', () => {
  const inserted = variant(SPRING, (s) => s.replace('  - instance_id: 103\n', `${INSTANCE_150}  - instance_id: 103\n`));

  it('is one addition; the instances after it, now one place later, are not changed', () => {
    const d = ccfDiff(SPRING, inserted);
    expect(d.changes.map((c) => [c.kind, c.path, c.newPath])).toEqual([['added', 'instances[instance_id=150]', 'instances[2]']]);
    expect(d.changes[0]!.content).toEqual(['instance_id 150, type_id 2, action log, criteria: 4 elements', 'criteria[0]: op EQ_STR, text "svchost.exe"', 'criteria[1..3]: op ANY']);
    expect(d.counts).toMatchObject({ added: 1, removed: 0, changed: 0 });
    // The spring warning is still there, at types[0]: it neither appears nor goes away.
    expect(d.findings.appearedTotal + d.findings.resolvedTotal).toBe(0);
    expect(d.worse).toBe(false);
  });

  it('and removed again is one removal', () => {
    const d = ccfDiff(inserted, SPRING);
    expect(d.changes.map((c) => [c.kind, c.path, c.oldPath])).toEqual([['removed', 'instances[instance_id=150]', 'instances[2]']]);
  });

  it('a finding inside an element that moved is matched by identity, not by index or offset', () => {
    // Instance 104 (index 3) gets the crash; with 150 inserted before it, it is index 4 in both files.
    const crash = variant(SPRING, lastWildcardTo('- { op: REGEX, text: x }'));
    const both = variant(SPRING, (s) => lastWildcardTo('- { op: REGEX, text: x }')(s).replace('  - instance_id: 103\n', `${INSTANCE_150}  - instance_id: 103\n`));
    const d = ccfDiff(crash, both);
    expect(d.consumers.find((c) => c.profile === 'agent-7.11')!.change).toBe('same'); // crash → crash, same criterion
    expect(d.findings.appearedTotal + d.findings.resolvedTotal).toBe(0);
  });
});

describe('layout fields: listed only when the new file does not explain them', () => {
  it('a content change moves counts, offsets, sizes and the CRC: counted, not listed', () => {
    const d = ccfDiff(SPRING, variant(SPRING, lastWildcardTo('- { op: EQ_STR, text: abc }')));
    expect(fieldLines(d).some((l) => /str_off|str_len|pool|crc|file_size|index/.test(l))).toBe(false);
    expect(d.counts.layoutFollowed).toBeGreaterThanOrEqual(3); // pool_size, file_size, pool, crc (pool_offset may stay)
  });

  it('a size field set to what the file is not is listed, with what the schema derives', () => {
    const bad = variant(SPRING, (s) => s.replace('header: { content_seq: 1004 }', 'header: { content_seq: 1004, file_size: 999 }'));
    const d = ccfDiff(SPRING, bad);
    const f = d.changes.flatMap((c) => c.fields ?? []).find((x) => x.field === 'file_size')!;
    expect(f).toMatchObject({ old: '376', new: '999', offset: 36 });
    expect(f.note).toContain('not what the schema derives from the new file (376)');
    expect(d.findings.appeared.map((x) => x.code)).toContain('SIZE_MISMATCH');
  });

  it('a checksum that does not match the new file is listed with its finding code', () => {
    const bad = variant(SPRING, (s) => `${s}crc: 0\n`);
    const d = ccfDiff(SPRING, bad);
    const f = d.changes.flatMap((c) => c.fields ?? []).find((x) => x.field === 'crc')!;
    expect(f.new).toBe('0');
    expect(f.note).toContain('CRC_MISMATCH');
  });

  it('a pool whose bytes changed while no string that uses them did is listed (nothing else explains it)', () => {
    const pool = (decode(ccfSchema(), bytesOf(SPRING)).value as { pool: Uint8Array }).pool;
    const padded = variant(SPRING, (s) => `${s}pool: { hex: "${Buffer.from(pool).toString('hex')}5a" }\n`);
    const d = ccfDiff(SPRING, padded);
    expect(d.changes.map((c) => c.path)).toEqual(['(file)']);
    const f = d.changes[0]!.fields!.find((x) => x.field === 'pool')!;
    expect(f.note).toBe(`first differs at byte ${pool.length} (${pool.length} → ${pool.length + 1} bytes)`);
    // With a string changed too, the pool follows it and is not listed.
    const both = variant(SPRING, (s) => lastWildcardTo('- { op: EQ_STR, text: abc }')(s));
    expect(ccfDiff(SPRING, both).changes.some((c) => (c.fields ?? []).some((x) => x.field === 'pool'))).toBe(false);
  });
});

describe('bounded output', () => {
  it('two unrelated files: at most --max-changes listed, the rest counted', () => {
    const all = ccfDiff(SPRING, 'corpus/ccf/story/2024-02-28-stress-test.bin');
    const total = all.counts.added + all.counts.removed + all.counts.changed;
    expect(total).toBeGreaterThan(5);
    const capped = ccfDiff(SPRING, 'corpus/ccf/story/2024-02-28-stress-test.bin', 3);
    expect(capped.changes).toHaveLength(3);
    expect(capped.counts.omitted).toBe(total - 3);
    expect(capped.changes).toEqual(all.changes.slice(0, 3));
  });
});
