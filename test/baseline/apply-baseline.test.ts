import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBaseline, parseBaseline, REASON_PLACEHOLDER, writeBaseline, type Baseline, type BaselineEntry } from '../../src/baseline/index.js';
import type { Finding, FindingCode } from '../../src/findings/index.js';
import type { FileReport } from '../../src/report/model.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

const finding = (code: FindingCode, path: string, profile?: string, severity: 'error' | 'warning' = 'error'): Finding =>
  ({ code, severity, message: 'm', path, offset: 1, ...(profile !== undefined ? { profile } : {}) });

const file = (name: string, sha256: string, findings: Finding[], omitted?: Record<string, number>): FileReport => ({
  file: name, verdict: findings.some((f) => f.severity === 'error') ? 'fail' : findings.length > 0 ? 'warn' : 'pass',
  findings, consumers: [], totals: {}, sha256, ...(omitted ? { omitted } : {}),
});

const entry = (e: Partial<BaselineEntry> & Pick<BaselineEntry, 'code' | 'path'>): BaselineEntry => ({ sha256: SHA_A, reason: 'known', line: 1, ...e });
const baseline = (...entries: BaselineEntry[]): Baseline => ({ source: 'b.yaml', entries, buckets: [] });

describe('applyBaseline', () => {
  const july = file('july.bin', SHA_A, [finding('OOB_INPUT_READ', 'instances[5].criteria[20]', 'agent-7.11'), finding('CRC_MISMATCH', 'crc')]);

  it('moves accepted findings to baselined and recomputes the verdict from what is left', () => {
    const out = applyBaseline([july], baseline(entry({ code: 'OOB_INPUT_READ', path: 'instances[5].criteria[20]', profile: 'agent-7.11' })), '2026-01-01');
    expect(out.files[0]!.findings.map((f) => f.code)).toEqual(['CRC_MISMATCH']);
    expect(out.files[0]!.baselined).toEqual([{ finding: july.findings[0], reason: 'known' }]);
    expect(out.files[0]!.verdict).toBe('fail');
    const all = applyBaseline([july], baseline(entry({ code: 'OOB_INPUT_READ', path: 'instances[*].criteria[20]' }), entry({ code: 'CRC_MISMATCH', path: 'crc' })), '2026-01-01');
    expect(all.files[0]!.findings).toEqual([]);
    expect(all.files[0]!.verdict).toBe('pass');
  });

  it('does not match another file (hash), another profile, another path or another code', () => {
    for (const e of [
      entry({ code: 'OOB_INPUT_READ', path: 'instances[5].criteria[20]', sha256: SHA_B }),
      entry({ code: 'OOB_INPUT_READ', path: 'instances[5].criteria[20]', profile: 'agent-7.16' }),
      entry({ code: 'OOB_INPUT_READ', path: 'instances[5].criteria[2]' }),
      entry({ code: 'OOB_INPUT_READ', path: 'instances[*]' }),
      entry({ code: 'TYPE_CONFUSION', path: 'instances[5].criteria[20]' }),
    ]) {
      const out = applyBaseline([july], baseline(e), '2026-01-01');
      expect(out.files[0], JSON.stringify(e)).toBe(july);
      expect(out.unused).toEqual([e]);
    }
  });

  it('an expired entry stops suppressing and is reported; the day itself still counts', () => {
    const e = entry({ code: 'CRC_MISMATCH', path: 'crc', expires: '2026-03-01' });
    expect(applyBaseline([july], baseline(e), '2026-03-01').files[0]!.baselined).toHaveLength(1);
    const after = applyBaseline([july], baseline(e), '2026-03-02');
    expect(after.files[0]).toBe(july);
    expect(after.expired).toEqual([e]);
    expect(after.unused).toEqual([]);
  });

  it('findings the per-code cap left out count as new: the file still fails', () => {
    const capped = file('fan.bin', SHA_A, [finding('OOB_INPUT_READ', 'instances[0].criteria[20]')], { OOB_INPUT_READ: 4093 });
    const out = applyBaseline([capped], baseline(entry({ code: 'OOB_INPUT_READ', path: 'instances[*].criteria[20]' })), '2026-01-01');
    expect(out.files[0]!.findings).toEqual([]);
    expect(out.files[0]!.verdict).toBe('fail');
  });

  it('leaves error reports (no hash) alone', () => {
    const err: FileReport = { file: 'x', verdict: 'error', findings: [], consumers: [], totals: {}, error: 'cannot read x' };
    expect(applyBaseline([err], baseline(), '2026-01-01').files[0]).toBe(err);
  });
});

const codes: FindingCode[] = ['OOB_INPUT_READ', 'CRC_MISMATCH', 'GAP', 'BAD_VALUE', 'INPUT_COUNT_MISMATCH'];
const arbFinding = fc.record({
  code: fc.constantFrom(...codes),
  path: fc.constantFrom('crc', 'instances[0].criteria[20]', 'instances[3].criteria[1]', 'types[0]', 'weird "path": with # yaml\nstuff'),
  profile: fc.option(fc.constantFrom('agent-7.11', 'agent-7.16'), { nil: undefined }),
  severity: fc.constantFrom('error' as const, 'warning' as const),
}).map((f) => finding(f.code, f.path, f.profile, f.severity));
const arbFiles = fc.array(fc.tuple(fc.constantFrom(SHA_A, SHA_B), fc.array(arbFinding, { maxLength: 8 })), { maxLength: 4 })
  .map((list) => list.map(([sha, findings], i) => file(`f${i}.bin`, sha, findings)));

describe('write then apply (property)', () => {
  it('a baseline written from a run, reasons filled in, accepts every finding of that run and nothing of a changed file', () => {
    fc.assert(fc.property(arbFiles, (files) => {
      for (const format of ['yaml', 'json'] as const) {
        const written = writeBaseline(files, format).text.split(REASON_PLACEHOLDER).join('accepted for the test');
        const b = parseBaseline(written, `b.${format}`);
        const out = applyBaseline(files, b, '2026-01-01');
        for (const [i, f] of out.files.entries()) {
          expect(f.findings).toEqual([]);
          expect(f.verdict).toBe('pass');
          expect((f.baselined ?? []).map((x) => x.finding)).toEqual(files[i]!.findings);
        }
        const changed = files.map((f) => ({ ...f, sha256: 'c'.repeat(64) }));
        expect(applyBaseline(changed, b, '2026-01-01').files).toEqual(changed);
      }
    }), { numRuns: 100 });
  });

  it('findings are partitioned: kept + baselined is the original list, in order', () => {
    fc.assert(fc.property(arbFiles, arbFiles, (run, older) => {
      const b = parseBaseline(writeBaseline(older, 'yaml').text.split(REASON_PLACEHOLDER).join('r'), 'b.yaml');
      const out = applyBaseline(run, b, '2026-01-01');
      for (const [i, f] of out.files.entries()) {
        const accepted = new Set((f.baselined ?? []).map((x) => x.finding));
        expect(run[i]!.findings.filter((x) => !accepted.has(x))).toEqual(f.findings);
        expect(f.findings.length + accepted.size).toBe(run[i]!.findings.length);
      }
    }), { numRuns: 100 });
  });

  it('rewriting keeps the reasons and dates of entries that still match', () => {
    const f = file('a.bin', SHA_A, [finding('GAP', 'pool', undefined, 'warning'), finding('CRC_MISMATCH', 'crc')]);
    const out = applyBaseline([f], baseline(entry({ code: 'GAP', path: 'pool', reason: 'padding is fine', expires: '2030-01-01' })), '2026-01-01');
    const again = parseBaseline(writeBaseline(out.files, 'yaml').text.split(REASON_PLACEHOLDER).join('new'), 'b.yaml');
    expect(again.entries.map((e) => [e.code, e.reason, e.expires])).toEqual([['GAP', 'padding is fine', '2030-01-01'], ['CRC_MISMATCH', 'new', undefined]]);
  });
});
