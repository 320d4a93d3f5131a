import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../../src/budget/work-budget.js';
import { simulateModel } from '../../src/model/index.js';
import { renderJunit } from '../../src/report/junit.js';
import type { FileReport, ValidationReport } from '../../src/report/model.js';
import { renderText } from '../../src/report/text.js';
import { fanOutFile } from '../fuzz/fan-out.js';
import { agent711, model } from '../fuzz/helpers.js';

/**
 * A consumer run that a work budget cuts short decided nothing: it is `undecided`, never a load.
 * Reading it as a load put "blast radius: none — every consumer loads the file" under a file whose
 * consumers were never run to the end, and let the fuzzer retire a reproducer as fixed.
 */
describe('a consumer run cut short by the budget', () => {
  it('is undecided, with a DECODE_BUDGET issue, on both engines', () => {
    for (const engine of ['compiled', 'interpreter'] as const) {
      const r = simulateModel(fanOutFile(), model, agent711, { budget: new WorkBudget(18_000, { timeMs: 1, nodes: 1000 }), engine } as Parameters<typeof simulateModel>[3]);
      expect(r.outcome, engine).toBe('undecided');
      expect(r.fault).toBeNull();
      expect(r.issues.map((i) => i.code)).toContain('DECODE_BUDGET');
    }
  });

  it('is reported as undecided, never as "every consumer loads", and fails its JUnit testcase', () => {
    const file: FileReport = {
      file: 'fan-out.bin', verdict: 'fail', totals: { DECODE_BUDGET: 1 },
      findings: [{ code: 'DECODE_BUDGET', severity: 'error', message: 'cut short', path: 'instances[7]', offset: 700, profile: 'agent-7.11' }],
      consumers: [
        { profile: 'agent-7.11', outcome: 'undecided', population: 8_500_000, fault: null },
        { profile: 'agent-7.16', outcome: 'load', population: 1_200_000, fault: null },
      ],
    };
    const report: ValidationReport = { tool: { name: 'preflight', version: 'test' }, schema: { name: 'ccf-v1', source: 'test' }, fleet: [], files: [file] };
    const text = renderText(report, { color: false, width: 100 });
    expect(text).toContain('    agent-7.11  undecided  8,500,000');
    expect(text).toContain('blast radius: undecided on agent-7.11 — a work budget cut the run short');
    expect(text).not.toContain('every consumer loads the file');
    expect(renderJunit(report)).toContain('<failure message="undecided: cut short by a work budget (see its DECODE_BUDGET finding)" type="undecided"');
  });
});
