import { describe, expect, it } from 'vitest';
import { replayBytes } from '../../../src/fuzz/index.js';
import { fanOutFile } from '../fan-out.js';
import { setup711 } from '../helpers.js';

/**
 * A reproducer whose consumer run the budget cuts short is not "fixed": the run decided nothing.
 * (A cut-short run reads as a load with a DECODE_BUDGET issue; the failure database once moved
 * such reproducers to fixed/.) The fan-out file needs seconds; 5 ms decides nothing.
 */
describe('replay under a budget too small to decide', () => {
  it('keeps the reproducer as failing and says the run was cut short', () => {
    const v = replayBytes(fanOutFile(), setup711, 'crash|agent-7.11|TYPE_CONFUSION|instances[*].criteria[*]', 5);
    expect(v.status).toBe('fails');
    expect(v.same).toBe(true);
    expect(v.message).toMatch(/^not decided: the agent-7\.11 run was cut short by the 5 ms budget/);
  }, 60_000);
});
