import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { brokenReport, julyReport } from './fixtures.js';

const sortedKeys = (o: object) => Object.keys(o).sort();

describe('renderJson', () => {
  const text = renderJson(julyReport);
  const doc = JSON.parse(text) as { files: Array<Record<string, any>> } & Record<string, any>;

  it('is one pretty-printed document with a trailing newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "tool": {\n')).toBe(true);
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it('has exactly the public shape and nothing else', () => {
    expect(sortedKeys(doc)).toEqual(['files', 'schema', 'summary', 'tool']);
    expect(doc.files).toHaveLength(3);
    for (const file of doc.files) {
      expect(sortedKeys(file)).toEqual(['baselined', 'blastRadius', 'consumers', 'file', 'findings', 'omitted', 'totals', 'verdict']);
      expect(file.baselined).toEqual([]);
      for (const finding of file.findings) {
        const expected = ['code', 'message', 'offset', 'path', 'severity'];
        if ('profile' in finding) expected.push('profile');
        expect(sortedKeys(finding)).toEqual(expected.sort());
      }
      for (const consumer of file.consumers) {
        expect(sortedKeys(consumer)).toEqual(['fault', 'outcome', 'population', 'profile']);
        if (consumer.fault !== null) expect(sortedKeys(consumer.fault)).toEqual(['code', 'offset', 'path']);
      }
    }
  });

  it('carries the July crash exactly', () => {
    const july = doc.files[0]!;
    expect(july.file).toBe('corpus/july/c-00000291.ccf');
    expect(july.verdict).toBe('fail');
    expect(july.findings).toEqual([
      {
        code: 'OOB_INPUT_READ',
        severity: 'error',
        message: 'criterion 20 reads inputs[20], but the consumer supplies 20 input(s) for template type 7',
        path: 'instances[1].criteria[20]',
        offset: 412,
        profile: 'agent-7.11',
      },
    ]);
    expect(july.consumers).toEqual([
      { profile: 'agent-7.11', outcome: 'crash', population: 8500000, fault: { code: 'OOB_INPUT_READ', path: 'instances[1].criteria[20]', offset: 412 } },
      { profile: 'agent-7.16', outcome: 'load', population: 1200000, fault: null },
    ]);
  });

  it('omits profile when unset and keeps unresolved offsets as -1', () => {
    const broken = JSON.parse(renderJson(brokenReport)) as { files: Array<{ findings: Array<Record<string, unknown>> }> };
    const findings = broken.files[0]!.findings;
    expect(findings.some((f) => 'profile' in f)).toBe(false);
    expect(findings.map((f) => f.offset)).toEqual([0, 56, 60, -1, 100]);
  });

  it('never hands bigint details to JSON.stringify', () => {
    expect(text).not.toContain('details');
    expect(text).not.toContain('18446744073709551615');
  });
});
