/**
 * The sigpack story (docs/sigpack.md): a second format with no key on its records, so records
 * are matched by position, aligned around the inserted EXCLUDE record.
 */
import { describe, expect, it } from 'vitest';
import { fieldLines, sigpackDiff } from './helpers.js';

const pack = (n: string): string => `corpus/sigpack/story/${n === '0312' ? '2026-05-04' : '2026-06-09'}-pack-${n}.bin`;

describe('sigpack story', () => {
  it('0312 → 0340: the parent_image condition switched on (OFF → TEXT) crashes scanner 2.3', () => {
    const d = sigpackDiff(pack('0312'), pack('0340'));
    expect(fieldLines(d)).toEqual(['records[2].body.conds[2]: kind OFF → TEXT']);
    expect(d.consumers.find((c) => c.profile === 'scanner-2.3')).toMatchObject({
      change: 'worse', population: 5_200_000, old: { outcome: 'load' }, new: { outcome: 'crash', fault: { code: 'OOB_INPUT_READ', path: 'records[2].body.conds[2]' } },
    });
    expect(d.worse).toBe(true);
  });

  it('0340 → 0341: the EXCLUDE record is one addition, and the MATCH record after it is matched, not shifted', () => {
    const d = sigpackDiff(pack('0340'), pack('0341'));
    expect(d.changes.map((c) => [c.kind, c.path, c.oldPath ?? null])).toEqual([
      ['added', 'records[2]', null],
      ['changed', 'records[3].body.conds[2]', 'records[2].body.conds[2]'],
    ]);
    expect(d.changes[0]!.content).toEqual(['tag EXCLUDE, body.prefix "D:\\build\\"']);
    expect(fieldLines(d)).toEqual(['records[3].body.conds[2]: kind TEXT → OFF']);
    // Still a crash on 2.3, elsewhere: not worse, but the fault moved.
    expect(d.consumers.find((c) => c.profile === 'scanner-2.3')).toMatchObject({ change: 'moved', new: { fault: { code: 'SIG_NO_HANDLER' } } });
    expect(d.worse).toBe(false);
    expect(d.findings.appeared.map((f) => f.code)).toEqual(['SIG_NO_HANDLER']);
    expect(d.findings.resolved.map((f) => f.code)).toEqual(['OOB_INPUT_READ']);
  });

  it('0341 → 0342: the fix every version loads is better, with the record removed and the threshold raised', () => {
    const d = sigpackDiff(pack('0341'), pack('0342'));
    expect(d.changes.map((c) => [c.kind, c.path])).toEqual([['changed', 'records[1].body'], ['removed', 'records[2]']]);
    expect(fieldLines(d)).toEqual(['records[1].body: score 75 → 90']);
    expect(d.consumers.find((c) => c.profile === 'scanner-2.3')).toMatchObject({ change: 'better', old: { outcome: 'crash' }, new: { outcome: 'load' } });
    expect(d.worse).toBe(false);
  });
});
