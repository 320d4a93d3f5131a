import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/fuzz/_internals/rng.js';
import { loadFormats } from '../../scripts/selftest/formats.js';
import { InputSource } from '../../scripts/selftest/inputs.js';
import { runJob, type SelftestCommand } from '../../scripts/selftest/targets.js';

/**
 * A selftest worker (and a fuzz campaign) runs hours of inputs in one heap, under a cap of 64 MB
 * + 2 x the largest input over what it holds after warming up. Whatever a command keeps per input
 * (a cache keyed by a per-input object, a module-level list) eats that margin until a heavy input
 * dies of what earlier inputs left. Measured with seed 20261208, retained heap after a full GC:
 * explain 29.8 MB at input 1,000 and 30.6 MB at 2,000 (JIT code, and caches bounded by the
 * schemas and corpus files).
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const retainedMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const SEED = 20261208;
const WARM = 1000;
const MEASURED = 1000;
/**
 * Retained growth allowed over MEASURED inputs: JIT code and bounded caches still filling took
 * 0.8-1.1 MB; keeping each input's bytes and 2 KB of its explanation took 2.7 MB.
 */
const SLACK_MB = 2.5;

describe('retained heap over selftest inputs (not timed)', () => {
  it(`explain keeps less than ${SLACK_MB} MB over ${MEASURED} inputs after ${WARM} to warm up`, () => {
    const formats = loadFormats();
    const source = new InputSource(formats, SEED);
    const run = (from: number, to: number, command: SelftestCommand): void => {
      for (let i = from; i < to; i++) {
        const input = source.draw(i);
        try {
          runJob(input.jobFor(command), input.format, new Rng(SEED ^ 0x5eed, i));
        } catch {
          // one-line errors and failures are the sample test's business; this test only weighs the heap
        }
      }
    };
    run(0, WARM, 'explain');
    const before = retainedMb();
    run(WARM, WARM + MEASURED, 'explain');
    const after = retainedMb();
    expect(after - before, `retained heap ${before.toFixed(1)} -> ${after.toFixed(1)} MB`).toBeLessThan(SLACK_MB);
  }, 300_000);
});
