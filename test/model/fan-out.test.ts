import { describe, expect, it } from 'vitest';
import { simulateModel } from '../../src/model/index.js';
import { fanOutFile } from '../fuzz/fan-out.js';
import { agent711, model } from '../fuzz/helpers.js';

/**
 * The fan-out file points 4,096 index entries at one record of 255 criteria: a million criteria,
 * and nearly a million issues, in 18 KB. Once they were spread into one push() call, past the
 * engine's argument limit: `preflight validate` said "internal error: Maximum call stack size
 * exceeded". The consumer must return them all, and decide the outcome.
 */
describe('the fan-out file (a million criteria in 18 KB)', () => {
  it('is simulated to its fault, with every issue returned', () => {
    const r = simulateModel(fanOutFile(), model, agent711);
    expect(r.outcome).toBe('crash');
    expect(r.issues.length).toBeGreaterThan(100_000);
  }, 60_000);
});
