import { beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../../src/encode/index.js';
import { edgeHintsFromFleet, generateValue } from '../../../src/fuzz/generate/index.js';
import { Rng } from '../../../src/fuzz/_internals/rng.js';
import { simulateModel } from '../../../src/model/index.js';
import { agent711, ccf, fleet, hints, model } from './setup.js';

const CRASH_CLASSES = [
  'READ_PAST_END', 'UNKNOWN_TEMPLATE', 'UNKNOWN_OP', 'POOL_OOB',
  'REGEX_TOO_LONG', 'REGEX_INVALID', 'OOB_INPUT_READ', 'TYPE_CONFUSION',
] as const;

describe('edgeHintsFromFleet', () => {
  it('holds the supplied-input counts ±1, the limits ±1, 0 and 1, and per-type shapes', () => {
    for (const n of [0, 1, 19, 20, 21, 22, 255, 256, 257, 4095, 4096, 4097]) expect(hints.ints).toContain(n);
    expect(hints.keyed?.get(1)?.counts).toEqual([20, 21]);
    expect(hints.keyed?.get(1)?.names).toHaveLength(21);
    expect(hints.keyed?.get(2)?.counts).toEqual([4]);
    expect(edgeHintsFromFleet(model, []).ints).toEqual([0, 1, 2]);
  });
});

describe('generated CCF files against agent-7.11', () => {
  // Deterministic: the same 3000 files every run. If a change makes a class unreachable, this fails.
  const N = 3000;
  const codes = new Map<string, number>();
  let loads = 0;
  beforeAll(() => {
    const rng = new Rng(2024);
    for (let i = 0; i < N; i++) {
      const r = simulateModel(encode(ccf, generateValue(ccf, hints, rng)), model, agent711);
      if (r.outcome === 'load') loads++;
      else if (r.outcome === 'crash' && r.fault) codes.set(r.fault.code, (codes.get(r.fault.code) ?? 0) + 1);
    }
  });

  it.each(CRASH_CLASSES)('reach %s', (code) => {
    expect(codes.get(code) ?? 0).toBeGreaterThan(0);
  });

  it('load a good share of the time (past the load phase, evaluation reached)', () => {
    expect(loads / N).toBeGreaterThan(0.3);
  });

  it('reach the July 2024 fault often (evaluation-phase faults are not rare)', () => {
    expect((codes.get('OOB_INPUT_READ') ?? 0) / N).toBeGreaterThan(0.05);
  });

  it('do not crash agent-7.16 on field 21 (it supplies 21 inputs)', () => {
    const r716 = fleet.find((p) => p.name === 'agent-7.16')!;
    const rng2 = new Rng(2024);
    let oob = 0;
    for (let i = 0; i < 300; i++) {
      const r = simulateModel(encode(ccf, generateValue(ccf, hints, rng2)), model, r716);
      if (r.fault?.code === 'OOB_INPUT_READ' && r.fault.path[3] === 20) oob++;
    }
    expect(oob).toBe(0);
  });
});
