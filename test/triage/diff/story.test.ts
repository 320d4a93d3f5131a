/** The 2024 story: spring → July (the crash) → revert, as a release reviewer would diff them. */
import { describe, expect, it } from 'vitest';
import { ccfDiff, fieldLines, JULY, REVERT, SPRING } from './helpers.js';

describe('diff spring → July', () => {
  const d = ccfDiff(SPRING, JULY);

  it('names the two added instances by instance_id, at their place in the new file', () => {
    expect(d.changes.filter((c) => c.kind === 'added').map((c) => [c.path, c.newPath, c.newOffset])).toEqual([
      ['instances[instance_id=105]', 'instances[4]', 275],
      ['instances[instance_id=106]', 'instances[5]', 318],
    ]);
    expect(d.counts).toMatchObject({ added: 2, removed: 0, changed: 1, omitted: 0 });
  });

  it("shows instance 106's criterion 20, the one that reads input 20, in content terms", () => {
    const added = d.changes.find((c) => c.path === 'instances[instance_id=106]')!;
    expect(added.content).toContain('criteria[20]: op EQ_STR, text "ntdll.dll"');
    expect(added.content).toContain('criteria[4..19]: op ANY');
    expect(added.content![0]).toBe('instance_id 106, type_id 1, action block, criteria: 21 elements');
  });

  it('lists the header value that changed, and not the counts, offsets, sizes and CRC that follow the content', () => {
    expect(fieldLines(d)).toEqual(['header: content_seq 1004 → 1006']);
    // instance_count, pool_offset, pool_size, file_size, index, pool, crc
    expect(d.counts.layoutFollowed).toBe(7);
  });

  it('says agent-7.11 went from load to crash at instances[5].criteria[20] on 8,500,000 endpoints: worse', () => {
    const c711 = d.consumers.find((c) => c.profile === 'agent-7.11')!;
    expect(c711).toMatchObject({ change: 'worse', population: 8_500_000, old: { outcome: 'load', fault: null } });
    expect(c711.new).toMatchObject({ outcome: 'crash', fault: { code: 'OOB_INPUT_READ', path: 'instances[5].criteria[20]', offset: 358 } });
    expect(d.consumers.find((c) => c.profile === 'agent-7.16')).toMatchObject({ change: 'same', old: { outcome: 'load' }, new: { outcome: 'load' } });
    expect(d.worse).toBe(true);
  });

  it('says which findings appeared (the crash) and which went away (the latent hazard it realised)', () => {
    expect(d.findings.appeared.map((f) => [f.code, f.path, f.profile])).toEqual([['OOB_INPUT_READ', 'instances[5].criteria[20]', 'agent-7.11']]);
    expect(d.findings.resolved.map((f) => [f.code, f.path])).toEqual([['INPUT_COUNT_MISMATCH', 'types[0].field_count']]);
  });
});

describe('diff July → revert', () => {
  const d = ccfDiff(JULY, REVERT);

  it('is not worse, and shows the improvement: agent-7.11 crash → load, the two instances removed', () => {
    expect(d.worse).toBe(false);
    expect(d.consumers.find((c) => c.profile === 'agent-7.11')).toMatchObject({ change: 'better', old: { outcome: 'crash' }, new: { outcome: 'load' } });
    expect(d.changes.filter((c) => c.kind === 'removed').map((c) => [c.path, c.oldPath])).toEqual([
      ['instances[instance_id=105]', 'instances[4]'],
      ['instances[instance_id=106]', 'instances[5]'],
    ]);
    expect(d.findings.resolved.map((f) => f.code)).toEqual(['OOB_INPUT_READ']);
  });
});

describe('diff of a file with itself', () => {
  it.each([[SPRING], [JULY], ['corpus/ccf/codes/truncated.bin'], ['corpus/ccf/codes/decode-budget.bin']])('%s: identical, no changes, nothing worse', (file) => {
    const d = ccfDiff(file, file);
    expect(d.identical).toBe(true);
    expect(d.changes).toEqual([]);
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 0, omitted: 0, layoutFollowed: 0 });
    expect(d.findings.appearedTotal + d.findings.resolvedTotal).toBe(0);
    expect(d.consumers.every((c) => c.change === 'same')).toBe(true);
    expect(d.worse).toBe(false);
  });
});
