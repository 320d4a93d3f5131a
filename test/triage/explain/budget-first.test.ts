import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../../src/schema/index.js';
import { explainFile, MAX_SUMMARY_FINDINGS, renderExplanation } from '../../../src/triage/explain/index.js';
import { PLACED_TABLE_SCHEMA, placedTableClaim } from '../../../scripts/hostile/builders.js';

/**
 * explain FILE of a format without consumers shows the file's findings: a budget cut first (what
 * follows it is partial), then errors, then warnings, and how many are not shown. In file order a
 * DECODE_BUDGET after 20 other findings was hidden (selftest, issue 12).
 */
const table = parseSchema(PLACED_TABLE_SCHEMA, 'table.yaml');

describe('explain without consumers: a budget cut is listed first', () => {
  const x = explainFile({ schema: table, bytes: placedTableClaim(), name: 'claim.bin' });

  it('the summary puts DECODE_BUDGET first and counts the findings not shown', () => {
    expect(x.consumer).toBeUndefined();
    expect(x.file.findings).toHaveLength(MAX_SUMMARY_FINDINGS);
    expect(x.file.findings[0]!.code).toBe('DECODE_BUDGET');
    expect(x.file.findings.slice(1).every((f) => f.severity === 'error')).toBe(true);
    expect(x.file.notShown).toBeGreaterThan(10_000);
    expect(x.file.notShown).toBe(x.file.errors + x.file.warnings - MAX_SUMMARY_FINDINGS);
  });

  it('the text lists them, the budget cut on the first line, and says how many are not shown', () => {
    const lines = renderExplanation('claim.bin', x, { color: false }).split('\n');
    const first = lines.findIndex((l) => /^ {4}error /.test(l));
    expect(lines[first]).toMatch(/^ {4}error DECODE_BUDGET at records/);
    expect(lines.filter((l) => /^ {4}(error|warning) [A-Z_]+ at /.test(l))).toHaveLength(MAX_SUMMARY_FINDINGS);
    expect(lines.join('\n')).toMatch(new RegExp(`${x.file.notShown.toLocaleString('en-US')} more findings not shown \\(\`preflight validate\` lists them\\)`));
  });

  it('a file with few findings lists them all and no count', () => {
    const y = explainFile({ schema: table, bytes: new Uint8Array(8), name: 'empty-table.bin' });
    expect(y.file.notShown).toBe(0);
    expect(renderExplanation('empty-table.bin', y, { color: false })).not.toContain('not shown');
  });
});
