import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING } from '../../src/budget/limits.js';
import { DEFAULT_MAX_NODES, DEFAULT_TIME_MS } from '../../src/budget/work-budget.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/cli/read-bounded.js';
import { packageRoot, parseSchema } from '../../src/schema/index.js';
import { diffFiles } from '../../src/triage/diff/index.js';
import { explainFile } from '../../src/triage/explain/index.js';
import { inspectFile } from '../../src/triage/inspect/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { PLACED_TABLE_SCHEMA, placedTableClaim } from '../../scripts/hostile/builders.js';

/**
 * Issue 12, explicit limits: each documented limit has the value README's "Limits and budgets"
 * states, and going over one is a DECODE_BUDGET finding with a path and an offset, in validate and
 * in every command that reads a file through it, never a crash.
 */
const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');

describe('the limits README states are the limits in the code', () => {
  it.each([
    ['input size', DEFAULT_MAX_FILE_SIZE === 256 * 2 ** 20, '| input size | 256 MiB |'],
    ['time per file', DEFAULT_TIME_MS === 20_000, '| time per file | 20 s |'],
    ['structure nodes', DEFAULT_MAX_NODES === 1_500_000, 'at most 1,500,000'],
    ['nesting', MAX_NESTING === 200, '| nesting of records (recursive types) | 200 levels |'],
  ])('%s', (_what, matches, row) => {
    expect(matches).toBe(true);
    expect(readme).toContain(row);
  });
});

const table = parseSchema(PLACED_TABLE_SCHEMA, 'table.yaml');

const loop = parseSchema(`
format: loop
endian: le
root: link
types:
  link:
    seq:
      - { id: tag, type: u1 }
      - { id: next, type: link, at: 0 }
`, 'loop.yaml');

type Budget = { code: string; path: string; offset: number; details?: Record<string, unknown> };
const budgetOf = (findings: readonly Budget[]): Budget | undefined => findings.find((f) => f.code === 'DECODE_BUDGET');

describe('over a limit: DECODE_BUDGET with a path, in every command', () => {
  it('most elements: 2^32 - 1 records claimed by an 8-byte file stop at the node budget, at the array', () => {
    const r = validateBytes('t.bin', placedTableClaim(), { schema: table });
    const b = budgetOf(r.findings)!;
    expect(b.details).toMatchObject({ budget: 'nodes' });
    expect(b.path).toMatch(/^records(\[\d+\])?/);
    expect(b.offset).toBeGreaterThanOrEqual(0);
  });

  it('deepest nesting: a record placed inside itself stops at MAX_NESTING levels, at the path where it stopped', () => {
    const r = validateBytes('l.bin', new Uint8Array(10), { schema: loop });
    const b = budgetOf(r.findings)!;
    expect(b.path.split('.').length).toBeGreaterThanOrEqual(MAX_NESTING);
    expect(b.path.startsWith('next.next.next')).toBe(true);
  });

  it('time per file: a budget of 0 ms is a DECODE_BUDGET (time) with a path, and the file is not passed', () => {
    const r = validateBytes('t.bin', placedTableClaim(), { schema: table, budget: { timeMs: 0 } });
    expect(r.verdict).toBe('fail');
    const b = budgetOf(r.findings)!;
    expect(b.details).toMatchObject({ budget: 'time', limit: 0 });
    expect(typeof b.path).toBe('string');
  });

  it('inspect, explain and diff of the same files end in bounded time, and none passes them', () => {
    const started = performance.now();
    for (const [schema, bytes] of [[table, placedTableClaim()], [loop, new Uint8Array(10)]] as const) {
      const ins = inspectFile({ file: 'x.bin', bytes, schema });
      expect(budgetOf(ins.report.findings)).toBeDefined();
      const x = explainFile({ schema, bytes, name: 'x.bin' });
      expect(x.file.verdict).toBe('fail');
      // explain's summary lists the budget cut first, though over 10,000 BAD_OFFSETs come before the
      // table's DECODE_BUDGET in file order (in file order it was never shown), and counts the rest.
      expect(x.file.findings[0]?.code).toBe('DECODE_BUDGET');
      expect(x.file.notShown).toBe(x.file.errors + x.file.warnings - x.file.findings.length);
      // The old file is the same shape cut short: the finding is on both sides, so neither appeared nor resolved.
      const d = diffFiles({ schema, oldBytes: new Uint8Array(8), newBytes: bytes });
      expect(d.new).toMatchObject({ complete: false, verdict: 'fail' });
    }
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
