import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { fanOut } from '../../scripts/hostile/builders.js';
import { buildCcf } from '../helpers/ccf-bytes.js';
import { ccfConsumers } from '../helpers/consumers.js';

const schema = loadSchema(defaultSchemaPath());
const consumers = ccfConsumers();

const files = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }).map((sizes) => buildCcf({
    types: [{ id: 1, kinds: new Array(21).fill('STR') }],
    instances: sizes.map((n, i) => ({ id: i + 1, type: 1, criteria: Array.from({ length: Math.min(n, 21) }, () => ({ op: 'EQ_INT' as const, value: 1 })) })),
  }).bytes),
);

describe('budgets and caps (contracts A and B) on any bytes', () => {
  it('never throws, keeps at most the cap per code (plus consumer faults), and totals account for every finding', () => {
    fc.assert(fc.property(files, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3000 }), (bytes, cap, nodes) => {
      const r = validateBytes('x', bytes, { schema, consumers, maxFindingsPerCode: cap, budget: { nodes } });
      const faults = r.consumers.filter((c) => c.fault !== null).length;
      const kept = new Map<string, number>();
      for (const f of r.findings) kept.set(f.code, (kept.get(f.code) ?? 0) + 1);
      for (const [code, n] of kept) {
        expect(n).toBeLessThanOrEqual(cap + faults);
        expect(n + (r.omitted?.[code] ?? 0)).toBe(r.totals[code]);
      }
      for (const code of Object.keys(r.omitted ?? {})) expect(r.omitted![code]).toBeGreaterThan(0);
      // A budget that cut work short is a finding, and then the file never passes.
      if (r.totals.DECODE_BUDGET) expect(r.verdict).toBe('fail');
    }), { numRuns: 150 });
  });

  it('the time budget: a file that takes longer stops with DECODE_BUDGET (time) and is not passed', () => {
    const r = validateBytes('fan-out.bin', fanOut(), { schema, consumers, budget: { timeMs: 0 } });
    expect(r.verdict).toBe('fail');
    const budget = r.findings.filter((f) => f.code === 'DECODE_BUDGET');
    expect(budget.length).toBeGreaterThan(0);
    expect(budget.every((f) => f.details?.budget === 'time')).toBe(true);
  });

  it('the node budget is the one given', () => {
    const r = validateBytes('fan-out.bin', fanOut(), { schema, consumers, budget: { nodes: 500 } });
    expect(r.findings.find((f) => f.code === 'DECODE_BUDGET')?.details).toMatchObject({ budget: 'nodes', limit: 500 });
  });
});
