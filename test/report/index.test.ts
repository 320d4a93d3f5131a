import { describe, expect, it } from 'vitest';
import { FORMATS, isReportFormat, renderReport, type ReportFormat } from '../../src/report/index.js';
import { julyReport } from './fixtures.js';

describe('renderReport', () => {
  it('lists the four formats, text first', () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'junit']);
    expect(isReportFormat('sarif')).toBe(true);
    expect(isReportFormat('xml')).toBe(false);
  });

  it('dispatches each format to its renderer', () => {
    const out = Object.fromEntries(FORMATS.map((f: ReportFormat) => [f, renderReport(julyReport, f, { color: false })]));
    expect(out.text).toMatch(/^FAIL corpus\/july\/c-00000291\.ccf\n/);
    expect(JSON.parse(out.json!)).toHaveProperty('files');
    expect(JSON.parse(out.sarif!)).toHaveProperty('version', '2.1.0');
    expect(out.junit).toMatch(/^<\?xml /);
  });

  it('colours only the text format', () => {
    for (const format of ['json', 'sarif', 'junit'] as const) {
      expect(renderReport(julyReport, format, { color: true })).toBe(renderReport(julyReport, format, { color: false }));
    }
  });
});
